namespace DynaSplit.Placements.Model;

/// <summary>
/// The profile of an early-exit network a planner needs: the chain of blocks (operations, size of the feature after
/// each) and the exits (after which block, with what accuracy). Choosing an exit runs only the blocks before it.
/// </summary>
public sealed class EarlyExitProfile
{
    private readonly ModelBlock[] _blocks;
    private readonly ModelExit[] _exits;

    /// <summary>Creates a profile.</summary>
    /// <param name="name">The network's name (for messages and reports).</param>
    /// <param name="blocks">The main chain's blocks in order; at least one.</param>
    /// <param name="exits">The exits; at least one, each after a different block, in order of depth.</param>
    /// <exception cref="ArgumentException">No block or exit, an exit after a block the chain does not have, or exits out of order.</exception>
    public EarlyExitProfile(string name, IEnumerable<ModelBlock> blocks, IEnumerable<ModelExit> exits)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(exits);
        _blocks = blocks.ToArray();
        _exits = exits.ToArray();
        if (_blocks.Length == 0)
        {
            throw new ArgumentException($"Profile '{name}' has no block; give the operations and output size of each block of the main chain.", nameof(blocks));
        }

        if (_exits.Length == 0)
        {
            throw new ArgumentException($"Profile '{name}' has no exit; give at least the final classifier as an exit after block {_blocks.Length}.", nameof(exits));
        }

        for (var i = 0; i < _exits.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(_exits[i], nameof(exits));
            if (_exits[i].AfterBlocks > _blocks.Length)
            {
                throw new ArgumentException($"Profile '{name}': {_exits[i]} comes after block {_exits[i].AfterBlocks}, but the chain has {_blocks.Length} block(s).", nameof(exits));
            }

            if (i > 0 && _exits[i].AfterBlocks <= _exits[i - 1].AfterBlocks)
            {
                throw new ArgumentException($"Profile '{name}': exits must be in order of depth, one per block; {_exits[i]} follows {_exits[i - 1]}.", nameof(exits));
            }
        }

        Name = name;
    }

    /// <summary>The network's name.</summary>
    public string Name { get; }

    /// <summary>The main chain's blocks in order.</summary>
    public IReadOnlyList<ModelBlock> Blocks => _blocks;

    /// <summary>The exits in order of depth.</summary>
    public IReadOnlyList<ModelExit> Exits => _exits;

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({_blocks.Length} blocks, {_exits.Length} exits)";
}
