/**
 * The interpreter's own syntax tree: the lezer tree of a cell is converted to
 * this once (parse.ts), analysed for scopes (scope.ts) and compiled to
 * closures (compile.ts). Positions are 1-based cell lines.
 */
import type { PyValue } from "./values.ts";

export type BinOp = "+" | "-" | "*" | "/" | "//" | "%" | "**" | "@" | "&" | "|" | "^" | "<<" | ">>";
export type CmpOp = "<" | "<=" | ">" | ">=" | "==" | "!=" | "in" | "not in" | "is" | "is not";
export type UnaryOp = "-" | "+" | "~" | "not";

/** One piece of an f-string: literal text or a replacement field. */
export type FPart =
  | string
  | { expr: Expr; conv: "r" | "s" | "a" | null; spec: Expr | null; selfDoc: string | null };

export type Arg =
  | { kind: "pos"; value: Expr }
  | { kind: "star"; value: Expr }
  | { kind: "kw"; name: string; value: Expr }
  | { kind: "dstar"; value: Expr };

export interface Param {
  name: string;
  kind: "normal" | "varargs" | "kwonly" | "varkw";
  default: Expr | null;
}

export interface CompFor {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
}

export type Expr =
  | { k: "name"; id: string; line: number }
  | { k: "const"; value: PyValue }
  | { k: "fstr"; parts: FPart[] }
  | { k: "bin"; op: BinOp; l: Expr; r: Expr }
  | { k: "unary"; op: UnaryOp; e: Expr }
  | { k: "cmp"; ops: CmpOp[]; operands: Expr[] }
  | { k: "bool"; op: "and" | "or"; l: Expr; r: Expr }
  | { k: "ifexp"; test: Expr; body: Expr; orelse: Expr }
  | { k: "lambda"; params: Param[]; body: Expr; line: number }
  | { k: "call"; fn: Expr; args: Arg[] }
  | { k: "attr"; obj: Expr; name: string }
  | { k: "sub"; obj: Expr; index: Expr }
  | { k: "slice"; lo: Expr | null; hi: Expr | null; step: Expr | null }
  | { k: "tuple"; items: Expr[] }
  | { k: "list"; items: Expr[] }
  | { k: "set"; items: Expr[] }
  | { k: "dict"; items: ({ key: Expr; value: Expr } | { spread: Expr })[] }
  | { k: "starred"; e: Expr }
  /** A construct outside the subset: raises `exc: msg` when evaluated. */
  | { k: "raise"; exc: string; msg: string }
  | {
      k: "comp";
      kind: "list" | "set" | "dict" | "gen";
      elt: Expr;
      value: Expr | null;
      gens: CompFor[];
      line: number;
    };

export type Stmt = { line: number } & (
  | { k: "expr"; e: Expr }
  | { k: "assign"; targets: Expr[]; value: Expr }
  | { k: "aug"; target: Expr; op: BinOp; value: Expr }
  | { k: "if"; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: "while"; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: "for"; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: "def"; name: string; params: Param[]; body: Stmt[] }
  | { k: "return"; value: Expr | null }
  | { k: "break" }
  | { k: "continue" }
  | { k: "pass" }
  | { k: "import"; names: { module: string; asname: string | null }[] }
  | { k: "from"; module: string; names: { name: string; asname: string | null }[] }
  | { k: "assert"; test: Expr; msg: Expr | null }
  | { k: "del"; targets: Expr[] }
  | { k: "global"; names: string[] }
  | { k: "nonlocal"; names: string[] }
);
