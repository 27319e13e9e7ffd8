import { describe, expect, test } from "vitest";
import { applySgr, parseAnsi, stripAnsiCodes, terminalText, xterm256 } from "./ansi.ts";

const E = String.fromCharCode(27);

describe("parseAnsi", () => {
  test("parseAnsi of plain text is one unstyled run", () => {
    expect(parseAnsi("no colour\n")).toEqual([{ text: "no colour\n", style: {} }]);
    expect(parseAnsi("")).toEqual([]);
  });

  test("parseAnsi of an IPython traceback line gives its coloured runs", () => {
    // As IPython 8 prints `ZeroDivisionError: division by zero` and an arrow line.
    const line = `${E}[0;31mZeroDivisionError${E}[0m: division by zero\n${E}[0;32m----> 1${E}[0m ${E}[38;5;241m1${E}[39m${E}[38;5;241m/${E}[39m${E}[38;5;241m0${E}[39m`;
    expect(parseAnsi(line)).toEqual([
      { text: "ZeroDivisionError", style: { fg: { palette: 1 } } },
      { text: ": division by zero\n", style: {} },
      { text: "----> 1", style: { fg: { palette: 2 } } },
      { text: " ", style: {} },
      { text: "1/0", style: { fg: { rgb: [98, 98, 98] } } },
    ]);
  });

  test("parseAnsi keeps bold, bright, background and true colour, and resets with ESC[m", () => {
    expect(parseAnsi(`${E}[1;93;44mA${E}[22mB${E}[48;2;1;2;300mC${E}[mD`)).toEqual([
      { text: "A", style: { bold: true, fg: { palette: 11 }, bg: { palette: 4 } } },
      { text: "B", style: { fg: { palette: 11 }, bg: { palette: 4 } } },
      { text: "C", style: { fg: { palette: 11 }, bg: { rgb: [1, 2, 255] } } },
      { text: "D", style: {} },
    ]);
  });

  test("parseAnsi drops escapes that are not colours (erase line, cursor, titles, lone ESC)", () => {
    expect(parseAnsi(`a${E}[2Kb${E}[1Ac${E}]0;title${String.fromCharCode(7)}d${E}[?25le${E}`)).toEqual([
      { text: "abcde", style: {} },
    ]);
  });

  test("stripAnsiCodes leaves only the text", () => {
    expect(stripAnsiCodes(`${E}[0;31mValueError${E}[0m: bad${E}[K`)).toBe("ValueError: bad");
  });
});

describe("applySgr", () => {
  test("applySgr turns attributes off one by one and ignores unknown codes", () => {
    const on = applySgr({}, [1, 3, 4, 7, 31, 41, 5]);
    expect(on).toEqual({
      bold: true,
      italic: true,
      underline: true,
      inverse: true,
      fg: { palette: 1 },
      bg: { palette: 1 },
    });
    expect(applySgr(on, [22, 23, 24, 27, 39, 49])).toEqual({});
  });

  test("xterm256 maps the colour cube and the grey ramp as xterm does", () => {
    expect([xterm256(16), xterm256(196), xterm256(231), xterm256(232), xterm256(255)]).toEqual([
      [0, 0, 0],
      [255, 0, 0],
      [255, 255, 255],
      [8, 8, 8],
      [238, 238, 238],
    ]);
  });
});

describe("terminalText", () => {
  test("terminalText lets a carriage return overwrite its line and a backspace delete", () => {
    expect(terminalText("10%\r50%\r100%\ndone\r\n")).toBe("100%\ndone\n");
    expect(terminalText("loading...\rok")).toBe("okading...");
    expect(terminalText("ab\bc")).toBe("ac");
    expect(terminalText("plain\n")).toBe("plain\n");
  });
});
