/**
 * The pack inside CrossGuard's own analyzer server, started the way the Pulumi CLI starts a
 * policy pack: `tsx index.ts` with the pack as working directory, the gRPC port printed first
 * on stdout. Tests then speak the analyzer protocol to it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";

const ROOT = path.join(__dirname, "..", "..", "..");

export interface PackAnalyzer {
  server: ChildProcess;
  client: AnalyzerClient;
}

export async function startPackAnalyzer(): Promise<PackAnalyzer> {
  const server = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["index.ts"], { cwd: path.join(ROOT, "policy-pack"), stdio: ["ignore", "pipe", "pipe"] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    server.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^(\d+)\s/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    server.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
    server.on("exit", (code) => reject(new Error(`policy pack exited ${code}: ${err}`)));
  });
  return { server, client: new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) };
}

type Unary = (req: unknown, cb: (err: grpc.ServiceError | null, res: unknown) => void) => unknown;

/** Promisified unary call; the client's overloads defeat inference, so the response type is explicit. */
export function unaryCall<Res>(client: AnalyzerClient, method: unknown, req: unknown): Promise<Res> {
  return new Promise((resolve, reject) => (method as Unary).call(client, req, (err, res) => (err ? reject(err) : resolve(res as Res))));
}
