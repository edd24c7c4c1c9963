// How the doc tests read a Markdown document: which blocks run, which are marked not to and why, and the
// marks that would mark nothing.
import { commandBlocks } from "../helpers/doc-blocks";

const fence = "```";

test("a sh block runs; a marked one carries its reason; an output block belongs to the block before it", () => {
  const { blocks, problems } = commandBlocks(
    [
      `${fence}sh`,
      "npm run synth",
      fence,
      `${fence}output`,
      "wrote cdktf.out",
      fence,
      "<!-- not run: deploys to a real AWS account -->",
      "",
      `${fence}bash`,
      "npm run deploy -- prod",
      fence,
      "<!-- needs: terraform -->",
      `${fence}sh`,
      "npm run plan:offline",
      fence,
      `${fence}json`,
      "{}",
      fence,
    ].join("\n"),
  );
  expect(problems).toEqual([]);
  expect(blocks).toEqual([
    { line: 1, script: "npm run synth", notRun: undefined, needsTerraform: false, expectedOutput: ["wrote cdktf.out"] },
    {
      line: 9,
      script: "npm run deploy -- prod",
      notRun: "deploys to a real AWS account",
      needsTerraform: false,
      expectedOutput: [],
    },
    { line: 13, script: "npm run plan:offline", notRun: undefined, needsTerraform: true, expectedOutput: [] },
  ]);
});

test("a mark without a reason, a mark before no sh block, and output after a block that does not run are refused", () => {
  const { problems } = commandBlocks(
    [
      "<!-- not run: aws -->",
      `${fence}sh`,
      "aws s3 ls",
      fence,
      `${fence}output`,
      "bucket",
      fence,
      "<!-- not run: nothing follows this mark -->",
      "Some prose.",
    ].join("\n"),
  );
  expect(problems.map((problem) => problem.line)).toEqual([2, 5, 8]);
  expect(problems[0].problem).toMatch(/must say why in a few words/);
  expect(problems[1].problem).toMatch(/must follow a command block that runs/);
  expect(problems[2].problem).toMatch(/is not right before a sh block's fence/);
});
