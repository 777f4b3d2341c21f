package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"guantong"
	"guantong/internal/policy"
)

// version is one policy as `guantong policy --list` shows it.
type version struct {
	Params     *policy.Params `json:"-"`
	ID         string         `json:"id"`
	Title      string         `json:"title"`
	From       guantong.Date  `json:"effective_from"`
	Status     string         `json:"status"` // 现行, 已排定, 已被取代 (on the date asked for)
	Source     string         `json:"source"` // 内置, the --policy file, or 上传
	UploadedBy string         `json:"uploaded_by,omitempty"`
	UploadedAt time.Time      `json:"uploaded_at,omitzero"`
}

// policyVersions returns the policies, earliest first: the built-in ones (or --policy's)
// and, with a database, the ones stored there, each with its status on asOf.
func policyVersions(ctx context.Context, c *common, dsn string, asOf guantong.Date) ([]version, error) {
	base, err := c.set()
	if err != nil {
		return nil, err
	}
	var ps []*policy.Params
	for _, e := range base.Engines() {
		ps = append(ps, e.Params())
	}
	uploaded := map[string]version{}
	if dsn != "" {
		st, err := openExisting(ctx, dsn)
		if err != nil {
			return nil, err
		}
		defer st.Close()
		stored, err := st.Policies(ctx)
		if err != nil {
			return nil, err
		}
		for _, sp := range stored {
			p, err := policy.Load(bytes.NewReader(sp.Body))
			if err != nil {
				return nil, fmt.Errorf("数据库中的政策 %s 无法读取：%w", sp.PolicyID, err)
			}
			ps = append(ps, p)
			uploaded[p.ID] = version{UploadedBy: sp.UploadedBy, UploadedAt: sp.UploadedAt}
		}
	}
	set, err := policy.NewSet(ps, base.Engines()[0].Catalog())
	if err != nil {
		return nil, usageError("%v", err)
	}
	inForce := set.For(asOf).Params().ID
	var out []version
	for _, e := range set.Engines() {
		p := e.Params()
		v := uploaded[p.ID]
		v.Params, v.ID, v.Title, v.From = p, p.ID, p.Title, p.EffectiveFrom
		switch {
		case v.UploadedBy != "":
			v.Source = v.UploadedBy + " 上传于 " + v.UploadedAt.In(guantong.Shanghai).Format("2006-01-02")
		case c.policyFile != "":
			v.Source = c.policyFile
		default:
			v.Source = "内置"
		}
		switch {
		case p.ID == inForce:
			v.Status = "现行"
		case p.EffectiveFrom.After(asOf):
			v.Status = "已排定"
		default:
			v.Status = "已被取代"
		}
		out = append(out, v)
	}
	return out, nil
}

// pickPolicy returns the policy named id, or the one in force on asOf.
func pickPolicy(vs []version, id string, asOf guantong.Date) (*policy.Params, error) {
	var ids []string
	for _, v := range vs {
		if id == "" && v.Status == "现行" || id != "" && v.ID == id {
			return v.Params, nil
		}
		ids = append(ids, v.ID)
	}
	return nil, usageError("没有编号为 %s 的政策（有：%s；上传的政策须加 --db）", id, strings.Join(ids, "、"))
}

// writeVersions lists the policies, one a line, or as JSON.
func writeVersions(e *env, vs []version, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(vs)
	}
	// One line each, not a table: column widths in characters do not line up Chinese text.
	for _, v := range vs {
		fmt.Fprintf(e.stdout, "%s（%s 起施行，%s，%s）：%s\n", v.ID, v.From, v.Status, v.Source, v.Title)
	}
	return nil
}
