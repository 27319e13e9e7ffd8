/**
 * IPython's pretty printer (`IPython.lib.pretty`, max_width 79), which makes
 * the `text/plain` of an execute_result: lists, tuples and dicts that do not
 * fit on one line break after each comma, indented under the opening
 * bracket; other values print their repr (multi-line reprs such as arrays
 * keep their lines). A port of IPython 8's group/breakable algorithm.
 */
import { UserFunction } from "./compile.ts";
import {
  type KernelContext,
  PyDict,
  PyList,
  PyTuple,
  PyType,
  type PyValue,
  pyRepr,
  strLength,
} from "./values.ts";

const MAX_SEQ_LENGTH = 1000;

class Group {
  readonly breakables: Breakable[] = [];
  wantBreak = false;
  constructor(readonly depth: number) {}
}

class Text {
  readonly objs: string[] = [];
  width = 0;
}

class Breakable {
  readonly indentation: number;
  readonly group: Group;
  constructor(
    readonly sep: string,
    readonly width: number,
    p: Printer,
  ) {
    this.indentation = p.indentation;
    this.group = p.groupStack[p.groupStack.length - 1] ?? new Group(0);
    this.group.breakables.push(this);
  }
}

class GroupQueue {
  readonly queue: Group[][] = [];
  enq(g: Group): void {
    while (g.depth > this.queue.length - 1) this.queue.push([]);
    this.queue[g.depth]?.push(g);
  }
  deq(): Group | null {
    for (const stack of this.queue) {
      const rev = [...stack].reverse();
      for (let idx = 0; idx < rev.length; idx++) {
        const g = rev[idx];
        if (g && g.breakables.length > 0) {
          // IPython deletes `stack[idx]` with idx counted from the end; kept for identical output.
          stack.splice(idx, 1);
          g.wantBreak = true;
          return g;
        }
      }
      for (const g of stack) g.wantBreak = true;
      stack.length = 0;
    }
    return null;
  }
  remove(g: Group): void {
    const stack = this.queue[g.depth];
    if (!stack) return;
    const i = stack.indexOf(g);
    if (i >= 0) stack.splice(i, 1);
  }
}

class Printer {
  out = "";
  outputWidth = 0;
  bufferWidth = 0;
  buffer: (Text | Breakable)[] = [];
  readonly groupStack: Group[];
  readonly queue = new GroupQueue();
  indentation = 0;
  readonly stack: object[] = [];

  constructor(
    readonly ctx: KernelContext,
    readonly maxWidth = 79,
  ) {
    const root = new Group(0);
    this.groupStack = [root];
    this.queue.enq(root);
  }

  private emit(x: Text | Breakable, width: number): number {
    if (x instanceof Text) {
      this.out += x.objs.join("");
      return width + x.width;
    }
    x.group.breakables.shift();
    if (x.group.wantBreak) {
      this.out += `\n${" ".repeat(x.indentation)}`;
      return x.indentation;
    }
    if (x.group.breakables.length === 0) this.queue.remove(x.group);
    this.out += x.sep;
    return width + x.width;
  }

  private breakOneGroup(g: Group): void {
    while (g.breakables.length > 0) {
      const x = this.buffer.shift();
      if (!x) break;
      this.outputWidth = this.emit(x, this.outputWidth);
      this.bufferWidth -= x.width;
    }
    while (this.buffer.length > 0 && this.buffer[0] instanceof Text) {
      const x = this.buffer.shift();
      if (!x) break;
      this.outputWidth = this.emit(x, this.outputWidth);
      this.bufferWidth -= x.width;
    }
  }

  private breakOuterGroups(): void {
    while (this.maxWidth < this.outputWidth + this.bufferWidth) {
      const g = this.queue.deq();
      if (!g) return;
      this.breakOneGroup(g);
    }
  }

  text(s: string): void {
    const width = strLength(s);
    if (this.buffer.length > 0) {
      let t = this.buffer[this.buffer.length - 1];
      if (!(t instanceof Text)) {
        t = new Text();
        this.buffer.push(t);
      }
      t.objs.push(s);
      t.width += width;
      this.bufferWidth += width;
      this.breakOuterGroups();
    } else {
      this.out += s;
      this.outputWidth += width;
    }
  }

  breakable(sep = " "): void {
    const width = strLength(sep);
    const g = this.groupStack[this.groupStack.length - 1];
    if (g?.wantBreak) {
      this.flush();
      this.out += `\n${" ".repeat(this.indentation)}`;
      this.outputWidth = this.indentation;
      this.bufferWidth = 0;
    } else {
      this.buffer.push(new Breakable(sep, width, this));
      this.bufferWidth += width;
      this.breakOuterGroups();
    }
  }

  break_(): void {
    const g = this.queue.deq();
    if (g) this.breakOneGroup(g);
    this.flush();
    this.out += `\n${" ".repeat(this.indentation)}`;
    this.outputWidth = this.indentation;
    this.bufferWidth = 0;
  }

  beginGroup(indent = 0, open = ""): void {
    if (open) this.text(open);
    const g = new Group((this.groupStack[this.groupStack.length - 1]?.depth ?? 0) + 1);
    this.groupStack.push(g);
    this.queue.enq(g);
    this.indentation += indent;
  }

  endGroup(dedent = 0, close = ""): void {
    this.indentation -= dedent;
    const g = this.groupStack.pop();
    if (g && g.breakables.length === 0) this.queue.remove(g);
    if (close) this.text(close);
  }

  flush(): void {
    // IPython adds the returned width to output_width here (not assigns); kept for identical output.
    for (const x of this.buffer) this.outputWidth += this.emit(x, this.outputWidth);
    this.buffer = [];
    this.bufferWidth = 0;
  }

  pretty(v: PyValue): void {
    const obj = typeof v === "object" && v !== null ? v : null;
    const cycle = obj !== null && this.stack.includes(obj);
    if (obj) this.stack.push(obj);
    this.beginGroup();
    try {
      if (v instanceof PyList) this.seq(v.items, "[", "]", cycle, false);
      else if (v instanceof PyTuple) this.seq(v.items, "(", ")", cycle, v.items.length === 1);
      else if (v instanceof PyDict) this.dict(v, cycle);
      else if (v instanceof PyType) this.text(v.module === null ? v.name : `${v.module}.${v.name}`);
      else if (v instanceof UserFunction)
        this.text(`<function __main__.${v.name}(${v.signatureText(this.ctx)})>`);
      else this.reprLines(pyRepr(v, this.ctx));
    } finally {
      this.endGroup();
      if (obj) this.stack.pop();
    }
  }

  private reprLines(text: string): void {
    const lines = text.split(/\r\n|\r|\n/);
    if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
    this.beginGroup();
    lines.forEach((line, i) => {
      if (i > 0) this.break_();
      this.text(line);
    });
    this.endGroup();
  }

  private seq(
    items: readonly PyValue[],
    open: string,
    close: string,
    cycle: boolean,
    oneTuple: boolean,
  ): void {
    if (cycle) {
      this.text(`${open}...${close}`);
      return;
    }
    const step = open.length;
    this.beginGroup(step, open);
    for (let i = 0; i < items.length; i++) {
      if (i >= MAX_SEQ_LENGTH) {
        this.text(",");
        this.breakable();
        this.text("...");
        break;
      }
      if (i > 0) {
        this.text(",");
        this.breakable();
      }
      this.pretty(items[i] ?? null);
    }
    if (oneTuple) this.text(",");
    this.endGroup(step, close);
  }

  private dict(d: PyDict, cycle: boolean): void {
    if (cycle) {
      this.text("{...}");
      return;
    }
    this.beginGroup(1, "{");
    let i = 0;
    for (const [k, v] of d.entries()) {
      if (i >= MAX_SEQ_LENGTH) {
        this.text(",");
        this.breakable();
        this.text("...");
        break;
      }
      if (i > 0) {
        this.text(",");
        this.breakable();
      }
      this.pretty(k);
      this.text(": ");
      this.pretty(v);
      i++;
    }
    this.endGroup(1, "}");
  }
}

/** `IPython.lib.pretty.pretty(v)`: the text/plain of an execute_result. */
export function prettyText(v: PyValue, ctx: KernelContext): string {
  const p = new Printer(ctx);
  p.pretty(v);
  p.flush();
  return p.out;
}
