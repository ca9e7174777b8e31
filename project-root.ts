import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the program's files are, from the TypeScript sources (under tsx) and from the compiled output of
 * `npm run build` (dist/) alike. What the code reads at run time (templates/, web/assets/, config/dev-users.json)
 * stays in the project folder and is found from here, never from a module's own folder, which differs between
 * the two. It sits at the top so that every room can use it.
 */

/** True when the running code is the compiled JavaScript (`node dist/…`), false under the TypeScript loader. */
export const COMPILED = path.extname(__filename) === '.js';

/** The top folder of the running modules: the project itself from source, the build's output folder when compiled. */
export const CODE_ROOT = __dirname;

/** The nearest folder up from `dir` holding package.json: the project, whichever output folder the build wrote. */
function projectRootFrom(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, 'package.json'))) return at;
    if (path.dirname(at) === at) throw new Error(`no package.json above ${dir}: the compiled program must stay inside the project folder`);
  }
}

/** The project folder: templates/, web/assets/, config/, node_modules/. */
export const PROJECT_ROOT = projectRootFrom(__dirname);

/** A file of the project, e.g. `projectFile('templates', 'calendar.json')`. */
export const projectFile = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);

/** A module of the running code by its path without extension (`.ts` from source, `.js` compiled), e.g. for fork(). */
export const codeModule = (...parts: string[]): string => `${path.join(CODE_ROOT, ...parts)}${COMPILED ? '.js' : '.ts'}`;

/** The Node flags a child process needs to run one of those modules: the TypeScript loader, unless compiled. */
export const LOADER_ARGS: readonly string[] = COMPILED ? [] : ['--import', 'tsx'];
