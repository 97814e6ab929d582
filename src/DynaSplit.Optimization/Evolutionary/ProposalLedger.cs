using DynaSplit.Spaces;

namespace DynaSplit.Optimization.Evolutionary;

/// <summary>
/// What a session has proposed, what is out being measured and what it was told. Told configurations that were
/// never proposed (a warm start from stored trials) are checked against the space and recorded the same way, so
/// the ledger, and everything built from the told results, is rebuilt by telling the stored trials again.
/// </summary>
internal sealed class ProposalLedger(ConfigurationSpace space, GenomeCodec codec, UnseenPool? pool)
{
    private readonly HashSet<Configuration> _seen = [];
    private readonly HashSet<Configuration> _told = [];
    private readonly Dictionary<Configuration, double[]> _outstanding = [];

    /// <summary>The valid configurations not proposed yet, when the space is enumerated; otherwise null.</summary>
    public UnseenPool? Pool => pool;

    /// <summary>Proposed configurations whose result has not been told yet.</summary>
    public int Outstanding => _outstanding.Count;

    /// <summary>Configurations told so far, failures included.</summary>
    public int Told => _told.Count;

    /// <summary>True when the configuration was proposed or told.</summary>
    public bool IsSeen(Configuration configuration) => _seen.Contains(configuration);

    /// <summary>Records that the configuration is proposed (or told), so it is never proposed again.</summary>
    public void MarkSeen(Configuration configuration)
    {
        if (_seen.Add(configuration))
        {
            pool?.Remove(configuration);
        }
    }

    /// <summary>Records that the configuration was handed out with this genome.</summary>
    public void Hand(Configuration configuration, double[] genes) => _outstanding[configuration] = genes;

    /// <summary>Records a told configuration and gives its genome; false when it was told before (then it is ignored).</summary>
    /// <exception cref="ArgumentException">The configuration was never proposed and is not valid in the space.</exception>
    public bool Accept(Configuration configuration, out double[] genes)
    {
        if (!_told.Add(configuration))
        {
            genes = [];
            return false;
        }

        if (!_outstanding.Remove(configuration, out genes!))
        {
            // Told without being asked (a warm start): it must belong to the space.
            if (!space.IsValid(configuration))
            {
                _told.Remove(configuration);
                throw new ArgumentException($"'{configuration.Key}' is not a valid configuration of the problem's space.", nameof(configuration));
            }

            genes = codec.Encode(configuration);
            MarkSeen(configuration);
        }

        return true;
    }
}
