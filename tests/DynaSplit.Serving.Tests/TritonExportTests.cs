using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.Serving.Models;

namespace DynaSplit.Serving.Tests;

public sealed class TritonExportTests
{
    [Test]
    public void Export_WritesOneModelPerTail_WithTheServedNameAndConfig()
    {
        var catalog = new ServedModelCatalog(OnnxSplitModel.Load(ServerProcess.ModelPath), "squeezenet1_1");
        var directory = Path.Combine(Path.GetTempPath(), "dynasplit-triton-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = TritonModelRepository.Write(catalog, directory, [0, 64]);
            Assert.That(written.Select(Path.GetFileName), Is.EqualTo(new[] { "squeezenet1_1.0-65", "squeezenet1_1.64-65" }));
            var config = File.ReadAllText(Path.Combine(directory, "squeezenet1_1.64-65", "config.pbtxt"));
            Assert.That(config, Does.Contain("name: \"squeezenet1_1.64-65\"").And.Contain("platform: \"onnxruntime_onnx\"").And.Contain("max_batch_size: 0"));
            Assert.That(config, Does.Contain("name: \"/classifier/classifier.3/GlobalAveragePool_output_0\"\n    data_type: TYPE_FP32\n    dims: [ 1, 1000, 1, 1 ]"));
            Assert.That(config, Does.Contain("name: \"logits\"\n    data_type: TYPE_FP32\n    dims: [ 1, 1000 ]"));
            var tail = OnnxModel.Load(Path.Combine(directory, "squeezenet1_1.64-65", "1", "model.onnx"));
            Assert.That(tail.Proto.Graph.Output.Single().Name, Is.EqualTo("logits"));
            Assert.Throws<ArgumentException>(() => TritonModelRepository.Write(catalog, directory, [0], maxBatchSize: 8), "SqueezeNet's batch dimension is fixed at 1");
            Assert.Throws<ArgumentException>(() => TritonModelRepository.Write(catalog, directory, [65]));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
