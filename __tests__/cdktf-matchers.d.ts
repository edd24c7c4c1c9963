// Types for the cdktf jest matchers that setup.js installs.
import "cdktf/lib/testing/adapters/jest";
