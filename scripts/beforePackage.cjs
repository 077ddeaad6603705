// electron-builder hook: bundle the main process, preload and workers before packaging.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function beforePackage() {
  execFileSync(process.execPath, [join(__dirname, 'buildElectron.mjs')], { stdio: 'inherit' });
  return true;
};
