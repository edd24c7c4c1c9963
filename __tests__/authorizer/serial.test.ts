import { canonicalSerial, normalizeSerial, serialMatches } from "../../lib/x509/serial";

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
  ])("%j reads as %j", (text, readings) => {
    expect(normalizeSerial(text)).toEqual(readings);
  });

  test.each(["", "a1::b2", "a1:b2:", ":a1", "xyz", "0x", "12 34", "a1-b2", "-1"])("%j is no serial number", (text) => {
    expect(normalizeSerial(text)).toEqual([]);
  });
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
