using DynaSplit.Topology;

namespace DynaSplit.Spaces;

/// <summary>The correspondence between the two-tier <see cref="ParameterRole"/>s and a setting kind on a tier.</summary>
internal static class ParameterRoles
{
    /// <summary>The setting and tier a role stands for.</summary>
    public static (SettingKind Setting, string? Tier) ToSetting(ParameterRole role) => role switch
    {
        ParameterRole.SplitPoint => (SettingKind.CutPoint, null),
        ParameterRole.EdgeCpuFrequency => (SettingKind.CpuFrequency, TierNames.Edge),
        ParameterRole.EdgeAccelerator => (SettingKind.AcceleratorMode, TierNames.Edge),
        ParameterRole.CloudAccelerator => (SettingKind.AcceleratorMode, TierNames.Cloud),
        ParameterRole.EdgeGpuFrequency => (SettingKind.GpuFrequency, TierNames.Edge),
        ParameterRole.PowerMode => (SettingKind.PowerMode, TierNames.Edge),
        ParameterRole.Threads => (SettingKind.Threads, null),
        ParameterRole.ExecutionProvider => (SettingKind.ExecutionProvider, null),
        _ => (SettingKind.Other, null),
    };

    /// <summary>The role a setting on a tier stands for, or <see cref="ParameterRole.Other"/>.</summary>
    public static ParameterRole FromSetting(SettingKind setting, string? tier) => (setting, tier) switch
    {
        (SettingKind.CutPoint, _) => ParameterRole.SplitPoint,
        (SettingKind.CpuFrequency, TierNames.Edge) => ParameterRole.EdgeCpuFrequency,
        (SettingKind.AcceleratorMode, TierNames.Edge) => ParameterRole.EdgeAccelerator,
        (SettingKind.AcceleratorMode, TierNames.Cloud) => ParameterRole.CloudAccelerator,
        (SettingKind.GpuFrequency, TierNames.Edge) => ParameterRole.EdgeGpuFrequency,
        (SettingKind.PowerMode, TierNames.Edge) => ParameterRole.PowerMode,
        (SettingKind.Threads, _) => ParameterRole.Threads,
        (SettingKind.ExecutionProvider, _) => ParameterRole.ExecutionProvider,
        _ => ParameterRole.Other,
    };
}
