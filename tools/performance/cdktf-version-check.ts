// cdktf checks the Terraform version (a shell running `terraform version`) each time it synthesizes a stack with
// a cloud block: about 50 times a run, 8 CPU s. The answer cannot change within a test file for the same command
// and PATH, so each file asks once per command and PATH; the check still runs, and still fails a synth when it
// fails. Applied where the tests load cdktf to synthesize (helpers/synth.ts), not in __tests__/setup.js: loading the check's
// module (and semver) costs every test file about 50 ms, most of which never synthesize.
/* eslint-disable @typescript-eslint/no-require-imports -- cdktf's internal module, patched only if it is there */

let applied = false;

export function askTerraformVersionOncePerFile(): void {
  if (applied) return;
  applied = true;
  try {
    const { ValidateBinaryVersion } = require("cdktf/lib/validations/validate-binary-version");
    const validate = ValidateBinaryVersion.prototype.validate;
    const answers = new Map<string, unknown>();
    ValidateBinaryVersion.prototype.validate = function validateOnce(this: Record<string, string>) {
      const key = `${this.versionCommand}\0${this.versionConstraint}\0${process.env.PATH}`;
      if (!answers.has(key)) answers.set(key, validate.call(this));
      return answers.get(key);
    };
  } catch {
    // A cdktf without that module: every synth asks again.
  }
}
