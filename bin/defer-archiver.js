/**
 * cdktf requires `archiver` (zip support for TerraformAsset) when it loads, which is a fifth of a
 * synthesis of this project; no stack here has an asset. This puts a stand-in into the require
 * cache that loads the real module the first time it is called or read, so a run that never
 * zips never pays for it, and one that does behaves as before.
 */
const Module = require("node:module");
const path = require("node:path");

function deferArchiver() {
  let file;
  try {
    file = require.resolve("archiver", { paths: [path.dirname(require.resolve("cdktf"))] });
  } catch {
    return undefined; // cdktf without archiver: nothing to defer
  }
  if (require.cache[file]) return file;
  let real;
  const load = () => {
    if (!real) {
      delete require.cache[file];
      real = require(file);
      require.cache[file] = stub; // later requires get the stand-in, which forwards to it
    }
    return real;
  };
  const stub = new Module(file);
  stub.filename = file;
  stub.loaded = true;
  stub.exports = new Proxy(function archiver() {}, {
    apply: (_target, self, args) => load().apply(self, args),
    get: (_target, key) => load()[key],
    has: (_target, key) => key in load(),
  });
  require.cache[file] = stub;
  return file;
}

module.exports = { deferArchiver };
