import { ServerConnection } from "@jupyterlab/services";
import { describe, expect, test } from "vitest";
import { describeJupyterError, normaliseServerUrl, tokenInUrl } from "./jupyter-problems.ts";

const URL_ = "http://127.0.0.1:8888/";
const ORIGIN = "https://initlab.example";

function responseError(status: number): ServerConnection.ResponseError {
  return new ServerConnection.ResponseError(new Response("", { status }), `status ${status}`);
}

describe("normaliseServerUrl", () => {
  test("keeps the base, drops the token, the page and the hash; one trailing slash", () => {
    expect(normaliseServerUrl(" http://127.0.0.1:8888/lab?token=abc ")).toBe(URL_);
    expect(normaliseServerUrl("http://127.0.0.1:8888")).toBe(URL_);
    expect(normaliseServerUrl("https://hub.example/user/ada/tree/notes")).toBe(
      "https://hub.example/user/ada/",
    );
    expect(normaliseServerUrl("https://hub.example/user/ada")).toBe("https://hub.example/user/ada/");
  });
  test("null for what is not an http(s) address", () => {
    expect(normaliseServerUrl("not a url")).toBeNull();
    expect(normaliseServerUrl("ftp://x/")).toBeNull();
    expect(normaliseServerUrl("")).toBeNull();
  });
});

describe("tokenInUrl", () => {
  test("reads ?token= from a pasted address", () => {
    expect(tokenInUrl("http://127.0.0.1:8888/lab?token=abc")).toBe("abc");
    expect(tokenInUrl("http://127.0.0.1:8888/")).toBeNull();
  });
});

describe("describeJupyterError", () => {
  test("403 and 401 are the token", () => {
    expect(describeJupyterError(responseError(403), URL_, ORIGIN).kind).toBe("token");
    expect(describeJupyterError(responseError(401), URL_, ORIGIN).message).toContain("401 Unauthorized");
  });
  test("404 is not a Jupyter server; another status while starting a kernel is the kernel", () => {
    expect(describeJupyterError(responseError(404), URL_, ORIGIN).kind).toBe("not-jupyter");
    expect(describeJupyterError(responseError(500), URL_, ORIGIN, "python3")).toEqual({
      kind: "kernel-start",
      message: `The Jupyter server at ${URL_} could not start the kernel "python3" (500): status 500`,
    });
  });
  test("a failed fetch names the CORS flag with this page's origin", () => {
    const problem = describeJupyterError(
      new ServerConnection.NetworkError(new TypeError("Failed to fetch")),
      URL_,
      ORIGIN,
    );
    expect(problem.kind).toBe("unreachable");
    expect(problem.message).toContain(`--ServerApp.allow_origin=${ORIGIN}`);
    expect(problem.message).not.toContain("https, so the browser");
    expect(
      describeJupyterError(new TypeError("Failed to fetch"), "http://lab.example/", ORIGIN).message,
    ).toContain("This page is https, so the browser also blocks");
  });
  test("a 200 that is not Jupyter's JSON", () => {
    expect(describeJupyterError(new SyntaxError("Unexpected token <"), URL_, ORIGIN)).toEqual({
      kind: "not-jupyter",
      message: `The server at ${URL_} did not answer like a Jupyter server (Unexpected token <). Check the address.`,
    });
  });
});
