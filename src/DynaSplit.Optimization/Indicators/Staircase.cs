namespace DynaSplit.Optimization.Indicators;

/// <summary>
/// The non-dominated staircase of the (x, y) projections inserted so far (x ascending, y descending) and the
/// area it dominates below (rx, ry). Every point's rank in (x, y) order is known up front, so the staircase is
/// a linked list over ranks with a Fenwick tree for predecessor queries: O(log n) per insertion, amortized.
/// Sentinels at rank 0 (-inf, ry) and rank n + 1 (rx, -inf) remove the edge cases.
/// </summary>
internal sealed class Staircase
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly int[] _rankOf;
    private readonly int[] _next;
    private readonly int[] _tree;
    private readonly int _n;
    private readonly int _highBit;
    private readonly double _ry;

    public Staircase(double[][] points, double rx, double ry)
    {
        _n = points.Length;
        var order = new int[_n];
        for (var i = 0; i < _n; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = points[a][0].CompareTo(points[b][0]);
            return c != 0 ? c : points[a][1].CompareTo(points[b][1]);
        });
        _x = new double[_n + 2];
        _y = new double[_n + 2];
        _rankOf = new int[_n];
        for (var rank = 1; rank <= _n; rank++)
        {
            var index = order[rank - 1];
            _rankOf[index] = rank;
            _x[rank] = points[index][0];
            _y[rank] = points[index][1];
        }

        _x[0] = double.NegativeInfinity;
        _y[0] = ry;
        _x[_n + 1] = rx;
        _y[_n + 1] = double.NegativeInfinity;
        _next = new int[_n + 2];
        _next[0] = _n + 1;
        _tree = new int[_n + 1];
        _highBit = 1;
        while (_highBit * 2 <= _n)
        {
            _highBit *= 2;
        }

        _ry = ry;
    }

    public double Area { get; private set; }

    /// <summary>Inserts the point with index <paramref name="index"/> in the constructor's array.</summary>
    public void Insert(int index)
    {
        var r = _rankOf[index];
        var x = _x[r];
        var y = _y[r];
        var left = Predecessor(r);
        if (_y[left] <= y)
        {
            // A point at or left of x is at least as low: p adds nothing.
            return;
        }

        // Points right of p that are at least as high are dominated by it; the first lower one bounds it.
        var segmentStart = x;
        var height = left == 0 ? 0 : _ry - _y[left];
        var before = 0.0;
        var q = _next[left];
        while (_y[q] >= y)
        {
            before += (_x[q] - segmentStart) * height;
            segmentStart = _x[q];
            height = _ry - _y[q];
            Add(q, -1);
            q = _next[q];
        }

        before += (_x[q] - segmentStart) * height;
        Area += ((_x[q] - x) * (_ry - y)) - before;
        _next[left] = r;
        _next[r] = q;
        Add(r, 1);
    }

    /// <summary>The largest present rank below <paramref name="rank"/>, or 0 (the left sentinel).</summary>
    private int Predecessor(int rank)
    {
        var count = 0;
        for (var i = rank - 1; i > 0; i -= i & -i)
        {
            count += _tree[i];
        }

        if (count == 0)
        {
            return 0;
        }

        // The count-th present rank, by binary lifting.
        var position = 0;
        for (var step = _highBit; step > 0; step >>= 1)
        {
            var nextPosition = position + step;
            if (nextPosition <= _n && _tree[nextPosition] < count)
            {
                position = nextPosition;
                count -= _tree[nextPosition];
            }
        }

        return position + 1;
    }

    private void Add(int rank, int delta)
    {
        for (var i = rank; i <= _n; i += i & -i)
        {
            _tree[i] += delta;
        }
    }
}
