// tlogcheck: an independent check of Motcua's audit trail with Go's
// golang.org/x/mod/sumdb/note and sumdb/tlog (tests/http/t_seal.py).
//
//	tlogcheck check VKEY NOTE ENTRY INDEX PROOF [OLDNOTE CONSPROOF]
//
// VKEY, NOTE, OLDNOTE are files (the verifier key, the checkpoint);
// ENTRY a file of the entry's canonical bytes; PROOF and CONSPROOF
// comma-separated base64 hashes ("" for none).  Prints one "ok" line
// per check and exits 0, or says what failed and exits 1.
//
//	tlogcheck vectors N
//
// Prints, for the leaves 0..N-1 (leaf i is the bytes "leaf-i"), each
// tree's root and every inclusion and consistency proof, as the unit
// tests' vectors (tests/unit/test_merkle.c).
package main

import (
	"encoding/base64"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func die(f string, a ...interface{}) {
	fmt.Fprintf(os.Stderr, "tlogcheck: "+f+"\n", a...)
	os.Exit(1)
}

func read(path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		die("%v", err)
	}
	return b
}

func hashes(s string) []tlog.Hash {
	var out []tlog.Hash
	for _, f := range strings.Split(s, ",") {
		if f == "" {
			continue
		}
		b, err := base64.StdEncoding.DecodeString(f)
		if err != nil || len(b) != tlog.HashSize {
			die("bad hash %q", f)
		}
		var h tlog.Hash
		copy(h[:], b)
		out = append(out, h)
	}
	return out
}

// checkpoint opens a signed checkpoint with the verifier and parses its
// text: origin, size, root.
func checkpoint(v note.Verifier, msg []byte) (string, tlog.Tree) {
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		die("note.Open: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 || lines[len(lines)-1] != "" {
		die("checkpoint text %q", n.Text)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		die("checkpoint size %q", lines[1])
	}
	h := hashes(lines[2])
	if len(h) != 1 {
		die("checkpoint root %q", lines[2])
	}
	return lines[0], tlog.Tree{N: size, Hash: h[0]}
}

func check(args []string) {
	if len(args) != 5 && len(args) != 7 {
		die("usage: tlogcheck check VKEY NOTE ENTRY INDEX PROOF [OLDNOTE CONSPROOF]")
	}
	v, err := note.NewVerifier(strings.TrimSpace(string(read(args[0]))))
	if err != nil {
		die("note.NewVerifier: %v", err)
	}
	origin, tree := checkpoint(v, read(args[1]))
	fmt.Printf("ok signature by %s: %s, %d entries\n", v.Name(), origin, tree.N)
	idx, err := strconv.ParseInt(args[3], 10, 64)
	if err != nil {
		die("index %q", args[3])
	}
	leaf := tlog.RecordHash(read(args[2]))
	if err := tlog.CheckRecord(hashes(args[4]), tree.N, tree.Hash, idx, leaf); err != nil {
		die("CheckRecord of entry %d: %v", idx, err)
	}
	fmt.Printf("ok inclusion of entry %d (leaf %s)\n", idx, leaf)
	if len(args) == 7 {
		_, old := checkpoint(v, read(args[5]))
		if err := tlog.CheckTree(hashes(args[6]), tree.N, tree.Hash, old.N, old.Hash); err != nil {
			die("CheckTree %d -> %d: %v", old.N, tree.N, err)
		}
		fmt.Printf("ok consistency %d -> %d\n", old.N, tree.N)
	}
}

func b64(hs []tlog.Hash) string {
	var s []string
	for _, h := range hs {
		s = append(s, base64.StdEncoding.EncodeToString(h[:]))
	}
	return strings.Join(s, ",")
}

func vectors(args []string) {
	if len(args) != 1 {
		die("usage: tlogcheck vectors N")
	}
	n, err := strconv.Atoi(args[0])
	if err != nil || n < 1 {
		die("N %q", args[0])
	}
	var stored []tlog.Hash
	r := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			out[i] = stored[x]
		}
		return out, nil
	})
	for i := 0; i < n; i++ {
		h, err := tlog.StoredHashes(int64(i), []byte(fmt.Sprintf("leaf-%d", i)), r)
		if err != nil {
			die("%v", err)
		}
		stored = append(stored, h...)
	}
	for t := int64(1); t <= int64(n); t++ {
		root, err := tlog.TreeHash(t, r)
		if err != nil {
			die("%v", err)
		}
		fmt.Printf("root %d %s\n", t, root)
		for i := int64(0); i < t; i++ {
			p, err := tlog.ProveRecord(t, i, r)
			if err != nil {
				die("%v", err)
			}
			fmt.Printf("incl %d %d %s\n", t, i, b64(p))
		}
		for m := int64(1); m < t; m++ {
			p, err := tlog.ProveTree(t, m, r)
			if err != nil {
				die("%v", err)
			}
			fmt.Printf("cons %d %d %s\n", m, t, b64(p))
		}
	}
}

func main() {
	if len(os.Args) < 2 {
		die("usage: tlogcheck check|vectors ...")
	}
	switch os.Args[1] {
	case "check":
		check(os.Args[2:])
	case "vectors":
		vectors(os.Args[2:])
	default:
		die("unknown command %q", os.Args[1])
	}
}
