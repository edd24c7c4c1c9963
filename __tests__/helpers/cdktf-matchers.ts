// cdktf's jest matchers (toHaveResourceWithProperties, toBeValidTerraform, ...): import this module in the test
// files that use them. Loading cdktf costs every file that imports it about half a second, so __tests__/setup.js no longer
// installs them for every file.
import { Testing } from "cdktf";

Testing.setupJest();
