// Package population makes a synthetic province: people as check documents, with seeded,
// documented distributions (docs/population.md), for benchmarks, the what-if runner and
// tests. Person i depends only on the seed and i, so a file of a million people begins with
// the same people as a file of a thousand, and any person can be made again on its own.
package population

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/document"
)

// Person is one synthetic person with the district their employer is registered in.
type Person struct {
	Region string
	Person guantong.Person
}

// Generator makes people for one seed. It is read-only after New and safe for concurrent
// use.
type Generator struct {
	seed uint64
	ref  guantong.Date // no fact is dated after it
	occ  occupations
}

// DefaultRef is the date the default population is drawn up to: certificates, titles, work
// and awards are dated on or before it.
var DefaultRef = guantong.MakeDate(2026, 12, 31)

// New returns a generator for seed, whose people have no fact dated after ref (zero:
// DefaultRef), drawing occupations from the table c.
func New(seed uint64, ref guantong.Date, c *catalog.Catalog) *Generator {
	if ref.IsZero() {
		ref = DefaultRef
	}
	return &Generator{seed: seed, ref: ref, occ: newOccupations(c)}
}

// Person returns person i (0-based).
func (g *Generator) Person(i int) Person {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)))
	b := builder{g: g, r: r, i: i}
	return b.person()
}

// Line appends person i as one line of JSON: {"region": …, "person": {…}}, the person part
// being the check document's (document.EncodePerson). A line is a check document whose
// region the decoder ignores and the screening and what-if commands read.
func (g *Generator) Line(b []byte, i int) []byte {
	p := g.Person(i)
	region, _ := json.Marshal(p.Region)
	b = append(b, `{"region":`...)
	b = append(b, region...)
	b = append(b, `,"person":`...)
	b = append(b, document.EncodePerson(p.Person)...)
	return append(b, "}\n"...)
}

// Write writes people 0 … n-1 to w, one line each, calling progress (if not nil) after each
// thousand and at the end with the number written. It stops early when ctx is done.
func (g *Generator) Write(ctx context.Context, w io.Writer, n int, progress func(done int)) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var line []byte
	for i := 0; i < n; i++ {
		if i%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil && i > 0 {
				progress(i)
			}
		}
		line = g.Line(line[:0], i)
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	if progress != nil {
		progress(n)
	}
	return bw.Flush()
}
