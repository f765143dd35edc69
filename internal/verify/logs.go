package verify

import (
	"bytes"
	"fmt"
)

// MaxLogs bounds the container output a result keeps: its last MaxLogs bytes,
// where a failure shows, after a line that says how much was left out.
const MaxLogs = 64 << 10

// logTail keeps the last max bytes written to it.
type logTail struct {
	max   int
	buf   []byte
	total int64
}

func (l *logTail) Write(b []byte) (int, error) {
	n := len(b)
	l.total += int64(n)
	if len(b) > l.max {
		b = b[len(b)-l.max:]
	}
	l.buf = append(l.buf, b...)
	if len(l.buf) > 2*l.max { // drop the head now and then, not on every write
		l.buf = append(l.buf[:0], l.buf[len(l.buf)-l.max:]...)
	}
	return n, nil
}

func (l *logTail) String() string {
	kept := l.buf
	if len(kept) > l.max {
		kept = kept[len(kept)-l.max:]
	}
	omitted := l.total - int64(len(kept))
	if omitted == 0 {
		return string(kept)
	}
	return fmt.Sprintf("[... %d bytes omitted ...]\n%s", omitted, kept)
}

// textFinder records whether text was written to it, across writes, keeping
// no more than the text's length.
type textFinder struct {
	text  []byte
	carry []byte // the end of what was written, shorter than text
	found bool
}

func newTextFinder(text string) *textFinder { return &textFinder{text: []byte(text)} }

func (f *textFinder) Write(b []byte) (int, error) {
	if f.found {
		return len(b), nil
	}
	window := append(f.carry, b...)
	if bytes.Contains(window, f.text) {
		f.found = true
		return len(b), nil
	}
	if keep := len(f.text) - 1; len(window) > keep {
		window = window[len(window)-keep:]
	}
	f.carry = append(f.carry[:0], window...)
	return len(b), nil
}
