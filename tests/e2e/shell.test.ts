import { expect, test } from "vitest";
import { openApp, setupAppServer } from "./harness.ts";

const app = setupAppServer();

test("the page shows the lesson title", async () => {
  const { context, page, errors } = await openApp(app.browser, app.url);
  const heading = page.getByRole("heading", { level: 1, name: "8-4. Initializers" });
  await heading.waitFor({ timeout: 20_000 });
  expect(await heading.textContent()).toBe("8-4. Initializers");
  expect(await page.title()).toBe("8-4. Initializers · Initlab");
  expect(errors).toEqual([]);
  await context.close();
});
