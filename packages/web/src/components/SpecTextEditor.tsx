// A plain textarea with line numbers, and the lines that have issues painted red in the gutter and
// behind the text. Lines never wrap (white-space: pre), so line N is always at (N-1) × 20 px and
// the gutter and the marks can simply follow the textarea's scroll position.
import { forwardRef, useImperativeHandle, useMemo, useRef, useState } from 'react';

export interface SpecTextEditorHandle {
  /** scroll to a line and put the caret at its start */
  goToLine: (line: number) => void;
}

const LINE_HEIGHT = 20;
const PADDING = 8;

export const SpecTextEditor = forwardRef<SpecTextEditorHandle, {
  value: string;
  onChange: (v: string) => void;
  issueLines: Map<number, string[]>;
}>(function SpecTextEditor({ value, onChange, issueLines }, ref) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const lineCount = useMemo(() => value.split('\n').length, [value]);

  useImperativeHandle(ref, () => ({
    goToLine(line: number) {
      const el = area.current;
      if (!el) return;
      const lines = el.value.split('\n');
      let pos = 0;
      for (let i = 0; i < line - 1 && i < lines.length; i++) pos += lines[i].length + 1;
      el.focus();
      el.setSelectionRange(pos, pos + (lines[line - 1]?.length ?? 0));
      el.scrollTop = Math.max(0, (line - 1) * LINE_HEIGHT - el.clientHeight / 3);
    },
  }), []);

  const numbers = [];
  const marks = [];
  for (let n = 1; n <= lineCount; n++) {
    const msgs = issueLines.get(n);
    numbers.push(
      <div key={n} className={msgs ? 'spec-line-no has-issue' : 'spec-line-no'} data-line={n} title={msgs?.join('\n')}>
        {n}
      </div>,
    );
    marks.push(<div key={n} className={msgs ? 'spec-mark has-issue' : 'spec-mark'} data-line={n} />);
  }

  return (
    <div className="spec-editor" data-testid="spec-editor">
      <div className="spec-gutter" aria-hidden>
        <div className="spec-gutter-inner" style={{ transform: `translateY(${-scroll.top}px)` }}>{numbers}</div>
      </div>
      <div className="spec-body">
        <div className="spec-marks" aria-hidden>
          <div className="spec-marks-inner" style={{ transform: `translateY(${-scroll.top}px)`, paddingTop: PADDING }}>{marks}</div>
        </div>
        <textarea
          ref={area}
          className="spec-textarea"
          data-testid="spec-text"
          spellCheck={false}
          wrap="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
        />
      </div>
    </div>
  );
});
