// A client of the Open Inference Protocol from another stack: Node's @grpc/grpc-js with @grpc/proto-loader, driven by
// the compatibility test. It loads the protocol's .proto files, calls the health, metadata and inference methods of
// the server at argv[2] and prints one JSON object with what it saw. Usage: node oip-client.js HOST:PORT PROTO_DIR MODEL
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');

const [address, protoDir, model] = process.argv.slice(2);
const options = { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true };
const inference = grpc.loadPackageDefinition(loader.loadSync(path.join(protoDir, 'grpc_service.proto'), options)).inference;
const health = grpc.loadPackageDefinition(loader.loadSync(path.join(protoDir, 'health.proto'), options)).grpc.health.v1;
const client = new inference.GRPCInferenceService(address, grpc.credentials.createInsecure());
const healthClient = new health.Health(address, grpc.credentials.createInsecure());
const call = (c, method, request) => new Promise((resolve, reject) =>
  c[method](request, { deadline: Date.now() + 20000 }, (error, response) => (error ? reject(error) : resolve(response))));

(async () => {
  const live = await call(client, 'ServerLive', {});
  const ready = await call(client, 'ServerReady', {});
  const server = await call(client, 'ServerMetadata', {});
  const metadata = await call(client, 'ModelMetadata', { name: model });
  const input = metadata.inputs[0];
  const count = input.shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = Math.sin(i);
  const response = await call(client, 'ModelInfer', {
    model_name: model,
    inputs: [{ name: input.name, datatype: 'FP32', shape: input.shape }],
    raw_input_contents: [Buffer.from(values.buffer)],
    parameters: { 'dynasplit.threads': { int64_param: 1 } },
  });
  const raw = response.raw_output_contents[0];
  const logits = Array.from(new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length)));
  let notFound = null;
  try {
    await call(client, 'ModelInfer', { model_name: 'no-such-model', inputs: [], raw_input_contents: [] });
  } catch (error) {
    notFound = error.code;
  }
  const status = await call(healthClient, 'Check', { service: '' });
  console.log(JSON.stringify({
    live: live.live,
    ready: ready.ready,
    server: server.name,
    input: input.name,
    shape: input.shape,
    output: response.outputs[0].name,
    computeMs: response.parameters['dynasplit.compute_ms'].double_param,
    logits,
    notFoundCode: notFound,
    health: status.status,
  }));
  client.close();
  healthClient.close();
})().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
