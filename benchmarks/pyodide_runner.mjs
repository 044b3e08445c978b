// Runs a benchmark's run_all inside Pyodide 0.27.7 under Node.js and prints its results as JSON.
//
//   node benchmarks/pyodide_runner.mjs CONFIG.json
//
// CONFIG.json (written by bench_engine.run_in_pyodide): {module, kwargs, repo, ref_wheel}: runs
// module.run_all(**kwargs). Our micrograd package, karpathy's wheel (as /bench/ref.whl), the benchmarks, the test
// helpers (tests/helpers/karpathy.py loads the wheel) and the site's Pyodide modules (the tiny GPT) are copied
// into Pyodide's in-memory file system; the last line printed is the JSON result.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const indexURL = join(config.repo, "node_modules", "pyodide") + "/";
const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL });

function copyPy(fromDir, toDir) {
  pyodide.FS.mkdirTree(toDir);
  for (const name of readdirSync(fromDir).filter((n) => n.endsWith(".py"))) {
    pyodide.FS.writeFile(`${toDir}/${name}`, readFileSync(join(fromDir, name)));
  }
}
copyPy(join(config.repo, "micrograd_pkg"), "/bench/ours/micrograd");
copyPy(join(config.repo, "benchmarks"), "/bench/scripts");
copyPy(join(config.repo, "tests", "helpers"), "/bench/scripts");
copyPy(join(config.repo, "site_src", "pyodide", "modules"), "/bench/scripts");
pyodide.FS.writeFile("/bench/ref.whl", readFileSync(config.ref_wheel));

pyodide.globals.set("config_json", JSON.stringify(config));
const result = await pyodide.runPythonAsync(`
import importlib, json, sys
sys.path[:0] = ['/bench/ours', '/bench/scripts']
config = json.loads(config_json)
json.dumps(importlib.import_module(config['module']).run_all(**config['kwargs']))
`);
console.log(result);
