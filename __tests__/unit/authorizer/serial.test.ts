import {
  canonicalSerial,
  integerOfSerial,
  minimalInteger,
  normalizeSerial,
  serialMatches,
  serialOfInteger,
} from "../../../lib/x509/serial";

describe("normalizeSerial", () => {
  test.each([
    ["a1:b2:c3", ["a1b2c3"]],
    ["A1:B2:C3", ["a1b2c3"]],
    ["00:a1:b2:c3", ["a1b2c3"]],
    ["a1b2c3", ["a1b2c3"]],
    ["A1B2C3", ["a1b2c3"]],
    ["0x00A1B2C3", ["a1b2c3"]],
    ["  a1:b2:c3\n", ["a1b2c3"]],
    ["10597059", ["a1b2c3", "10597059"]],
    ["0010597059", ["a1b2c3", "10597059"]],
    ["0", ["0"]],
    ["000", ["0"]],
    ["9", ["9"]],
    ["-ff", ["-ff"]],
    ["-FF", ["-ff"]],
    ["-0x00ff", ["-ff"]],
    ["-255", ["-ff", "-255"]],
    ["-0", ["0"]],
  ])("%j reads as %j", (text, readings) => {
    expect(normalizeSerial(text)).toEqual(readings);
  });

  test.each(["", "a1::b2", "a1:b2:", ":a1", "xyz", "0x", "12 34", "a1-b2", "--1", "-", "-a1:b2"])(
    "%j is no serial number",
    (text) => {
      expect(normalizeSerial(text)).toEqual([]);
    },
  );
});

describe("serialMatches", () => {
  const serial = canonicalSerial("00F3A9C1D2E4B5A6978877665544332211");
  test("every accepted spelling of one serial matches it", () => {
    const decimal = BigInt("0xf3a9c1d2e4b5a6978877665544332211").toString();
    for (const text of [
      "f3a9c1d2e4b5a6978877665544332211",
      "F3:A9:C1:D2:E4:B5:A6:97:88:77:66:55:44:33:22:11",
      "00:f3:a9:c1:d2:e4:b5:a6:97:88:77:66:55:44:33:22:11",
      "0xF3A9C1D2E4B5A6978877665544332211",
      decimal,
      `000${decimal}`,
    ]) {
      expect(serialMatches(text, serial)).toBe(true);
    }
  });

  test("another serial does not match", () => {
    expect(serialMatches("f3:a9:c1:d2:e4:b5:a6:97:88:77:66:55:44:33:22:12", serial)).toBe(false);
    expect(serialMatches("not a serial", serial)).toBe(false);
  });
});

describe("serials read from DER INTEGER octets (two's complement), and back", () => {
  test.each([
    ["00", "0"],
    ["01", "1"],
    ["7f", "7f"],
    ["0080", "80"],
    ["00ff01", "ff01"],
    ["80", "-80"],
    ["ff", "-1"],
    ["ff01", "-ff"],
    ["ff7f", "-81"],
    ["ff00", "-100"],
    ["8000", "-8000"],
  ])("%s is the serial %s", (octets, canonical) => {
    expect(serialOfInteger(Buffer.from(octets, "hex"))).toBe(canonical);
    expect(Buffer.from(integerOfSerial(canonical)!).toString("hex")).toBe(octets);
  });

  test("redundant leading octets are dropped, so a padded entry still names its serial", () => {
    expect(Buffer.from(minimalInteger(Buffer.from("000001", "hex"))).toString("hex")).toBe("01");
    expect(Buffer.from(minimalInteger(Buffer.from("00000080", "hex"))).toString("hex")).toBe("0080");
    expect(Buffer.from(minimalInteger(Buffer.from("ffff01", "hex"))).toString("hex")).toBe("ff01");
    expect(Buffer.from(minimalInteger(Buffer.from("ff7f", "hex"))).toString("hex")).toBe("ff7f");
  });

  test("text that is no canonical serial has no octets", () => {
    expect(integerOfSerial("a1:b2")).toBeUndefined();
    expect(integerOfSerial("")).toBeUndefined();
  });
});
