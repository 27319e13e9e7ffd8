/**
 * A mouse drag of the `depth` slider across 5 values, in Chromium: the page
 * ends with the figures and tables of the last value, and after the drag ends
 * no cell runs for a value it passed over. A probe cell after the last cell
 * that reads `depth` prints the value it ran with, so each of its runs tells
 * which value the chain above it ran for.
 */
import { expect, test } from "vitest";
import { cellById, outputText, setupAppServer, waitForIdle, withApp } from "./harness.ts";

const app = setupAppServer();

const VALUES = [9, 8, 7, 6, 5];
const LAST = VALUES[VALUES.length - 1] ?? 0;

test("a drag of depth across 5 values ends with the last value's figures, and nothing runs for a passed-over value after it", async () => {
  await withApp(app, { width: 1280, height: 800 }, async ({ page, errors }) => {
    // The probe, below the gradients (the last cell reading depth before the training).
    await cellById(page, "gradients").locator(".prompt").click();
    await page.keyboard.press("Escape");
    await page.keyboard.press("b");
    const probeId = (await page.locator("section.cell.selected").getAttribute("data-cell-id")) ?? "";
    expect(probeId).not.toBe("");
    await page.keyboard.press("Enter");
    await page.keyboard.insertText('print(f"probe depth={depth}")');
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Run all", exact: true }).click();
    await waitForIdle(page, 300_000);
    expect(await outputText(page, probeId)).toBe("probe depth=10\n");

    // The tanh grid in view; the depth slider docks beside it.
    const grid = cellById(page, "deep-tanh").locator("figure.plotly-figure").first();
    await grid.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await grid.locator(".js-plotly-plot .main-svg").first().waitFor({ timeout: 60_000 });
    const slider = page.locator(".form-dock").getByRole("slider", { name: "depth", exact: true });
    await slider.waitFor({ timeout: 10_000 });

    // From now on the page logs: each value the slider takes, and after the pointer is released, every
    // finished run of the probe (its prompt and output) and every redraw of the grid (its subplot frames).
    await page.evaluate(
      ({ probeId }) => {
        const log = { values: [] as string[], ended: false, probe: [] as string[], frames: [] as number[] };
        Reflect.set(window, "__dragLog", log);
        window.addEventListener(
          "pointerup",
          () => {
            log.ended = true;
          },
          { capture: true, once: true },
        );
        const probe = document.querySelector(`section[data-cell-id="${probeId}"]`);
        if (probe !== null) {
          new MutationObserver(() => {
            const prompt = probe.querySelector(".prompt-text")?.textContent ?? "";
            if (!log.ended || !/^In \[\d+\]:$/.test(prompt)) return;
            const entry = `${prompt} ${probe.querySelector(".outputs")?.textContent ?? ""}`;
            if (log.probe[log.probe.length - 1] !== entry) log.probe.push(entry);
          }).observe(probe, { subtree: true, childList: true, characterData: true });
        }
        // The grid: the first figure of deep-tanh, whichever element holds it (a re-run may remount it).
        const tanh = document.querySelector('section[data-cell-id="deep-tanh"]');
        if (tanh !== null) {
          new MutationObserver(() => {
            if (!log.ended) return;
            const graph = tanh.querySelector("figure.plotly-figure .js-plotly-plot");
            const layout: unknown = graph === null ? null : Reflect.get(graph, "layout");
            const shapes: unknown =
              typeof layout === "object" && layout !== null ? Reflect.get(layout, "shapes") : null;
            log.frames.push(Array.isArray(shapes) ? shapes.length : -1);
          }).observe(tanh, { subtree: true, attributes: true, attributeFilter: ["data-plotly-calls"] });
        }
      },
      { probeId },
    );
    await slider.evaluate((el) => {
      const log: unknown = Reflect.get(window, "__dragLog");
      el.addEventListener("input", () => {
        const values: unknown = Reflect.get(Object(log), "values");
        if (Array.isArray(values) && el instanceof HTMLInputElement) values.push(el.value);
      });
    });

    // The grid's element, marked: a drag updates it in place (Plotly.react), it is not remounted.
    await grid.locator(".js-plotly-plot").evaluate((el) => el.setAttribute("data-before-drag", "1"));
    // The drag: press on the thumb, move through 9, 8, 7, 6, 5 with a pause at each, release.
    const box = await slider.boundingBox();
    expect(box).not.toBeNull();
    if (box === null) return;
    const min = Number(await slider.getAttribute("min"));
    const max = Number(await slider.getAttribute("max"));
    // Chromium's range thumb is about 16 px wide: the track runs from half a thumb to half a thumb.
    const xOf = (v: number): number => box.x + 8 + ((v - min) / (max - min)) * (box.width - 16);
    const y = box.y + box.height / 2;
    await page.mouse.move(xOf(10), y);
    await page.mouse.down();
    for (const v of VALUES) {
      let x = xOf(v);
      await page.mouse.move(x, y, { steps: 2 });
      // Nudge a pixel at a time until the slider shows v (the thumb geometry is not exact).
      for (let i = 0; i < 12 && Number(await slider.inputValue()) !== v; i++) {
        x += Number(await slider.inputValue()) > v ? -1 : 1;
        await page.mouse.move(x, y);
      }
      expect(Number(await slider.inputValue())).toBe(v);
      await page.waitForTimeout(400);
    }
    await page.mouse.up();
    await waitForIdle(page, 300_000);

    const log = await page.evaluate(() => Reflect.get(window, "__dragLog"));
    const values: unknown = Reflect.get(Object(log), "values");
    const probeRuns: unknown = Reflect.get(Object(log), "probe");
    const frames: unknown = Reflect.get(Object(log), "frames");
    console.log(
      `[measure] drag: slider values ${JSON.stringify(values)}; after release probe ${JSON.stringify(probeRuns)}, grid frames ${JSON.stringify(frames)}`,
    );
    // The slider went through the 5 values, in order.
    expect(Array.isArray(values) ? [...new Set(values.map(Number))] : []).toEqual(VALUES);

    // The end state is the last value's: source, probe, tables and the grid in view.
    expect((await cellById(page, "deep-setup").textContent()) ?? "").toContain(`depth = ${LAST}`);
    expect(await outputText(page, probeId)).toBe(`probe depth=${LAST}\n`);
    for (const cell of ["deep-tanh", "deep-relu"]) {
      const text = await outputText(page, cell);
      expect(text).toMatch(new RegExp(`\\n\\s+${LAST}\\s+\\S+e[-+]\\d\\d`));
      expect(text).not.toMatch(new RegExp(`\\n\\s+${LAST + 1}\\s+\\S+e[-+]\\d\\d`));
    }
    const drawn = await grid.locator(".js-plotly-plot").evaluate((el) => {
      const layout: unknown = Reflect.get(el, "layout");
      const annotations: unknown =
        typeof layout === "object" && layout !== null ? Reflect.get(layout, "annotations") : null;
      const shapes: unknown =
        typeof layout === "object" && layout !== null ? Reflect.get(layout, "shapes") : null;
      return {
        frames: Array.isArray(shapes) ? shapes.length : -1,
        titles: Array.isArray(annotations)
          ? annotations.map((a: unknown) => String(Reflect.get(Object(a), "text")))
          : [],
      };
    });
    expect(drawn.frames).toBe(3 * LAST);
    expect(await grid.locator(".js-plotly-plot").getAttribute("data-before-drag")).toBe("1");
    expect(drawn.titles).toContain(`He, layer ${LAST}`);
    expect(drawn.titles).not.toContain(`He, layer ${LAST + 1}`);

    // After the release: every probe run that finished was for the last value, and so was every redraw.
    // The chain ran for the last value after the release (the probe saw it), so the check is not empty.
    expect(Array.isArray(probeRuns) && probeRuns.length).toBeGreaterThan(0);
    for (const run of Array.isArray(probeRuns) ? probeRuns : [])
      expect(String(run)).toMatch(new RegExp(`probe depth=${LAST}\\s*$`));
    for (const n of Array.isArray(frames) ? frames : []) expect(n).toBe(3 * LAST);
    expect(errors).toEqual([]);
  });
}, 600_000);
