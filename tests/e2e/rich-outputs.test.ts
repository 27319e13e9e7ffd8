/**
 * A notebook that Jupyter itself ran (tests/fixtures/jupyter/rich.ipynb, made
 * by gen_rich_notebook.py with nbclient on ipykernel) opened in Chromium: its
 * matplotlib PNG and SVG show as decoded images, its HTML as a sanitised table
 * whose payloads never run, its Plotly JSON as our figure, markdown and LaTeX
 * typeset, and its traceback with IPython's colours as styled spans.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { parseIpynb } from "../../src/notebook/ipynb.ts";
import { cellById, setupAppServer, withApp } from "./harness.ts";

const app = setupAppServer();
const NOTEBOOK = readFileSync("tests/fixtures/jupyter/rich.ipynb");

describe("a Jupyter-made notebook's outputs", () => {
  test("open rich.ipynb: images decode, HTML is sanitised, Plotly draws, errors are coloured", async () => {
    await withApp(app, {}, async ({ page, errors }) => {
      await page.getByLabel("Notebook file to open").setInputFiles({
        name: "rich.ipynb",
        mimeType: "application/x-ipynb+json",
        buffer: NOTEBOOK,
      });
      // Everything in it is drawn, so the open notice lists nothing.
      await page.getByText("Opened rich.ipynb.", { exact: true }).waitFor();

      // image/png from matplotlib's inline backend: a decoded image with the figure's text as alt.
      const png = cellById(page, "rich-1").locator('.output-image img[data-mime="image/png"]');
      await png.scrollIntoViewIfNeeded();
      await page.waitForFunction(
        (img) => img instanceof HTMLImageElement && img.complete,
        await png.elementHandle(),
      );
      expect(
        await png.evaluate((img: HTMLImageElement) => [img.naturalWidth > 0, img.naturalHeight > 0]),
      ).toEqual([true, true]);
      expect(await png.getAttribute("alt")).toBe("<Figure size 300x200 with 1 Axes>");

      // text/html: the table stays, its payloads are gone and never ran.
      const html = cellById(page, "rich-2").locator(".output-html");
      expect(await html.locator("th").allTextContents()).toEqual(["x", "x squared"]);
      expect(await html.locator("td").allTextContents()).toEqual(["2", "4"]);
      expect(await html.locator("script").count()).toBe(0);
      expect(await html.locator("[onerror]").count()).toBe(0);
      expect(await html.locator("a").getAttribute("href")).toBeNull();
      expect(await html.getByText("bad link").count()).toBe(1);

      // image/svg+xml: sanitised and drawn as an image, so its script can never run.
      const svg = cellById(page, "rich-3").locator('.output-image img[data-mime="image/svg+xml"]');
      await svg.scrollIntoViewIfNeeded();
      await page.waitForFunction(
        (img) => img instanceof HTMLImageElement && img.complete,
        await svg.elementHandle(),
      );
      expect(await svg.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40);
      expect(decodeURIComponent((await svg.getAttribute("src")) ?? "")).not.toMatch(/script|onload/);

      // application/vnd.plotly.v1+json: our Plotly draws it (figures draw when in view).
      const plotly = cellById(page, "rich-4");
      await plotly.locator(".output-figure").scrollIntoViewIfNeeded();
      await plotly.locator(".js-plotly-plot .main-svg").first().waitFor({ timeout: 30_000 });
      expect(await plotly.locator(".js-plotly-plot .gtitle").textContent()).toBe("plotly from Jupyter");

      // text/markdown and text/latex.
      const typeset = cellById(page, "rich-5");
      expect(await typeset.locator(".output-markdown strong").textContent()).toBe("bold");
      expect(await typeset.locator(".output-latex .katex-display mfrac").count()).toBe(1);

      // The ANSI traceback: coloured spans, no escape characters left.
      const error = cellById(page, "rich-6").locator(".output-error");
      await error.scrollIntoViewIfNeeded();
      const red = error.locator("span.ansi-fg-1").first();
      expect(await red.textContent()).toMatch(/^-+$/);
      const colours = await error.evaluate((el) => {
        const span = el.querySelector("span.ansi-fg-1");
        const line = el.querySelector(".tb-line");
        return [span ? getComputedStyle(span).color : "", line ? getComputedStyle(line).color : ""];
      });
      expect(colours[0]).toMatch(/^rgb\(/);
      expect(colours[0]).not.toBe(colours[1]);
      expect(await error.textContent()).not.toContain(String.fromCharCode(27));
      expect(await error.locator(".error-summary").textContent()).toBe("LinAlgError: Singular matrix");

      // clear_output(wait=True) and an update after it: Jupyter saved only the last epoch.
      expect(await cellById(page, "rich-7").locator(".output-stream").textContent()).toBe("epoch 2\n");

      // Export .ipynb keeps every foreign output as Jupyter wrote it (image/png stays image/png).
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Export .ipynb" }).click();
      const exported = parseIpynb(await readFile(await (await download).path(), "utf8")).doc;
      const original = parseIpynb(NOTEBOOK.toString("utf8")).doc;
      expect(exported.cells.map((c) => c.outputs)).toEqual(original.cells.map((c) => c.outputs));
      expect(exported.cells[0]?.outputs[0]).toMatchObject({
        data: { "image/png": expect.stringMatching(/^iVBOR/) },
      });

      // No payload ran anywhere on the page, and the page logged no error.
      expect(await page.evaluate(() => "__xss" in window)).toBe(false);
      expect(errors.filter((e) => !/ERR_FILE_NOT_FOUND|404|net::/.test(e))).toEqual([]);
    });
  });
});
