package committee

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"

	"guantong"
	"guantong/data"
)

// DefaultID names the default rules file (data/committees/default.json), used by a committee
// without its own file and copied to write one.
const DefaultID = "default"

// LoadFS loads every *.json file of a directory as rules. A file's id must be its name
// without .json; no two files may name the same series and level; exactly one file, the
// default, names neither.
func LoadFS(fsys fs.FS, dir string) ([]*Rules, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("committee rules: %w", err)
	}
	var all []*Rules
	seen := map[string]string{}
	defaults := 0
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("committee rules %s: %w", e.Name(), err)
		}
		r, err := LoadRules(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("committee rules %s: %w", e.Name(), err)
		}
		if want := strings.TrimSuffix(e.Name(), ".json"); r.ID != want {
			return nil, fmt.Errorf("committee rules %s: id %q 须与文件名 %q 相同", e.Name(), r.ID, want)
		}
		key := r.Series + "/" + r.Level.String()
		if other, dup := seen[key]; dup {
			return nil, fmt.Errorf("committee rules %s: 与 %s 同为 %s%s", e.Name(), other, r.Series, r.Level)
		}
		seen[key] = e.Name()
		if r.IsDefault() {
			defaults++
		}
		all = append(all, r)
	}
	if defaults != 1 {
		return nil, fmt.Errorf("committee rules: 须有且只有一个默认规则（不写 series 与 level），实有 %d 个", defaults)
	}
	return all, nil
}

// Builtin returns the rules embedded from data/committees, sorted by file name, loaded once.
// A broken built-in file is a build mistake that the package's tests catch, so Builtin
// panics on it.
var Builtin = sync.OnceValue(func() []*Rules {
	all, err := LoadFS(data.Committees, "committees")
	if err != nil {
		panic(err)
	}
	return all
})

// For returns the built-in rules of the committee reviewing series at level: its own file, or
// else a copy of the default rules with the series and level filled in; in both cases with
// what the built-in regulation asks of such a committee (Regulation.Apply: its least number of
// members, the title its members hold).
func For(series string, level guantong.TitleLevel) *Rules {
	var def *Rules
	for _, r := range Builtin() {
		if r.Series == series && r.Level == level {
			return BuiltinRegulation().Apply(r)
		}
		if r.IsDefault() {
			def = r
		}
	}
	c := *def
	c.Series, c.Level = series, level
	return BuiltinRegulation().Apply(&c)
}

// ByID returns the built-in rules with the given id.
func ByID(id string) (*Rules, bool) {
	for _, r := range Builtin() {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}
