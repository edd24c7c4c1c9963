// Types for the cdktf jest matchers that helpers/cdktf-matchers.ts installs.
import "cdktf/lib/testing/adapters/jest";
