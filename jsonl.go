package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/mdclean/mdclean/clean"
)

// runJSONL is the stream mode for corpus pipelines (Hadoop Streaming,
// Spark's RDD.pipe, datatrove): each input line is a JSON object; the
// document in field cfg.textKey is cleaned and the line written back with
// every other byte untouched, one line out per line in, in order. A record
// that fails keeps its text and gets the error in "mdclean_error".
func (cfg *config) runJSONL(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	inputs := args
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	w := bufio.NewWriterSize(stdout, 1<<16)
	defer w.Flush()
	status := exitOK
	for _, in := range inputs {
		name := in
		var r io.Reader = stdin
		if in == "-" {
			name = stdinName
		} else {
			f, err := os.Open(in)
			if err != nil {
				fmt.Fprintf(stderr, "%s: %v\n", in, unwrapPathErr(err))
				status = exitError
				continue
			}
			defer f.Close()
			r = f
		}
		if s := cfg.streamJSONL(ctx, name, r, w, stderr); s > status {
			status = s
		}
	}
	return status
}

func (cfg *config) streamJSONL(ctx context.Context, name string, r io.Reader, w *bufio.Writer, stderr io.Writer) int {
	br := bufio.NewReaderSize(r, 1<<16)
	status := exitOK
	for n := 1; ; n++ {
		if ctx.Err() != nil {
			fmt.Fprintf(stderr, "%s: interrupted at record %d\n", name, n)
			return exitError
		}
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			out, s := cfg.cleanRecord(fmt.Sprintf("%s:%d", name, n), line, stderr)
			w.Write(out)
			if s > status {
				status = s
			}
		}
		if err == io.EOF {
			return status
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: read: %v\n", name, err)
			return exitError
		}
	}
}

// cleanRecord cleans one JSONL line (with its line ending, kept as is).
func (cfg *config) cleanRecord(where string, line []byte, stderr io.Writer) ([]byte, int) {
	body := bytes.TrimRight(line, "\r\n")
	eol := line[len(body):]
	if len(bytes.TrimSpace(body)) == 0 {
		return line, exitOK
	}
	start, end, text, err := findField(body, cfg.textKey)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v; record passed through unchanged\n", where, err)
		if errors.Is(err, errNotObject) {
			return line, exitError
		}
		return withError(body, eol, err.Error()), exitOK
	}
	res, err := cfg.clean(where, "", []byte(text))
	if err != nil {
		fmt.Fprintln(stderr, errorLine(where, err))
		msg := err.Error()
		if ce, ok := err.(*clean.Error); ok && ce.Line > 0 {
			msg = fmt.Sprintf("line %d: %v", ce.Line, ce.Err)
		}
		return withError(body, eol, msg), exitOK
	}
	var rep bytes.Buffer
	cfg.report(stderr, where, res.Changes)
	cfg.reportJSON(&rep, where, res.Changes)
	if cfg.reportOut != nil {
		cfg.reportOut.Write(rep.Bytes())
	}
	if !res.Changed() {
		return line, exitOK
	}
	var enc bytes.Buffer
	je := json.NewEncoder(&enc)
	je.SetEscapeHTML(false)
	je.Encode(string(res.Out))
	out := make([]byte, 0, len(line)+len(res.Out)-len(text))
	out = append(out, body[:start]...)
	out = append(out, bytes.TrimRight(enc.Bytes(), "\n")...)
	out = append(out, body[end:]...)
	return append(out, eol...), exitOK
}

var errNotObject = errors.New("not a JSON object")

// findField finds the top-level string field key in a JSON object and
// returns the byte range of its value and the decoded string.
func findField(obj []byte, key string) (start, end int, text string, err error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	dec.UseNumber()
	tok, err := dec.Token()
	if d, ok := tok.(json.Delim); err != nil || !ok || d != '{' {
		return 0, 0, "", errNotObject
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return 0, 0, "", fmt.Errorf("%w: %v", errNotObject, err)
		}
		k, _ := kt.(string)
		off := int(dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return 0, 0, "", fmt.Errorf("%w: %v", errNotObject, err)
		}
		if k != key {
			continue
		}
		end := int(dec.InputOffset())
		start := off + bytes.Index(obj[off:end], raw)
		if err := json.Unmarshal(raw, &text); err != nil {
			return 0, 0, "", fmt.Errorf("field %q is not a string", key)
		}
		return start, start + len(raw), text, nil
	}
	if _, err := dec.Token(); err != nil {
		return 0, 0, "", fmt.Errorf("%w: %v", errNotObject, err)
	}
	return 0, 0, "", fmt.Errorf("no field %q", key)
}

// withError adds "mdclean_error" to a JSON object, leaving every other
// byte as it was.
func withError(body, eol []byte, msg string) []byte {
	end := bytes.LastIndexByte(body, '}')
	if end < 0 {
		return append(append([]byte{}, body...), eol...)
	}
	var m bytes.Buffer
	je := json.NewEncoder(&m)
	je.SetEscapeHTML(false)
	je.Encode(msg)
	sep := ","
	if len(bytes.TrimSpace(body[1:end])) == 0 {
		sep = ""
	}
	out := append([]byte{}, body[:end]...)
	out = append(out, sep+`"mdclean_error":`...)
	out = append(out, bytes.TrimRight(m.Bytes(), "\n")...)
	out = append(out, body[end:]...)
	return append(out, eol...)
}
