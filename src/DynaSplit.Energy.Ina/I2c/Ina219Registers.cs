namespace DynaSplit.Energy.Ina.I2c;

/// <summary>INA219 register addresses and bit fields (TI INA219 datasheet, section 8.6 Register Maps).</summary>
public static class Ina219Registers
{
    /// <summary>Configuration register (00h).</summary>
    public const byte Configuration = 0x00;

    /// <summary>Shunt voltage register (01h): signed, LSB 10 µV.</summary>
    public const byte ShuntVoltage = 0x01;

    /// <summary>Bus voltage register (02h): bits 15-3 voltage (LSB 4 mV), bit 1 CNVR, bit 0 OVF.</summary>
    public const byte BusVoltage = 0x02;

    /// <summary>Power register (03h): LSB = Power_LSB.</summary>
    public const byte Power = 0x03;

    /// <summary>Current register (04h): signed, LSB = Current_LSB.</summary>
    public const byte Current = 0x04;

    /// <summary>Calibration register (05h): bit 0 is not used (always 0).</summary>
    public const byte Calibration = 0x05;

    /// <summary>The configuration register's power-on value (32 V, PGA /8, 12-bit ADCs, shunt and bus continuous).</summary>
    public const ushort ConfigurationDefault = 0x399F;

    /// <summary>Configuration bit 15: reset.</summary>
    public const ushort ResetBit = 0x8000;

    /// <summary>Bus voltage register bit 1: conversion ready.</summary>
    public const ushort ConversionReadyBit = 0x0002;

    /// <summary>Bus voltage register bit 0: math overflow (current or power out of range).</summary>
    public const ushort OverflowBit = 0x0001;

    /// <summary>Shunt voltage LSB, V.</summary>
    public const double ShuntVoltageLsb = 10e-6;

    /// <summary>Bus voltage LSB, V.</summary>
    public const double BusVoltageLsb = 4e-3;
}
