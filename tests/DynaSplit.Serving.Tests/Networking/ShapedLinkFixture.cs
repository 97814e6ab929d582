namespace DynaSplit.Serving.Tests.Networking;

/// <summary>Creates a <see cref="ShapedLink"/> for a test, or ignores the test with the reason when this machine cannot.</summary>
internal static class ShapedLinkFixture
{
    public static ShapedLink CreateOrIgnore(double rateMbit)
    {
        try
        {
            return ShapedLink.Create(rateMbit);
        }
        catch (ShapedLinkUnavailableException ex)
        {
            Assert.Ignore($"Shaped-link test skipped: {ex.Message}.");
            throw;
        }
    }
}
