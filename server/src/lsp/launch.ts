/**
 * How the language server process is started: the Node options the VS Code client passes, and the tests and the
 * benchmark too, so that all of them run the server the same way. No `vscode` import: the client bundles it.
 */
import { availableParallelism } from 'node:os';

/**
 * Node's options for the server process.
 *
 * `--v8-pool-size`: V8 runs its optimising compiler and parts of the garbage collector on a pool of background
 * threads, four by default. On a two-core machine those threads outnumber the cores while V8 is optimising the code
 * (the first few hundred edits of a session) and the system takes the core from the server's own thread in the
 * middle of a keystroke's analysis. One thread fewer than the cores (at most the default four) leaves a core to the
 * thread that answers the editor; the compilation still happens, on the other core rather than in its place.
 */
export function serverNodeOptions(cores: number = availableParallelism()): string[] {
  return [`--v8-pool-size=${Math.max(1, Math.min(4, cores - 1))}`];
}
