package store_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// Migration 0010 normalises the regions typed before the fixed list by the rules of
// guantong.NormalizeRegion: each engine's SQL must give what the Go function gives.
func TestMigration0010Regions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		c := context.Background()
		st := storetest.Open(t, dsn)
		typed := []string{"石家庄", "河北省保定市", "定州", "雄安", "省人力资源和社会保障厅", "衡水市", "北京市", ""}
		err := st.Write(c, func(tx *store.Tx) error {
			for i, r := range typed {
				o := guantong.Organisation{Kind: guantong.OrgEmployer, Name: "单位" + string(rune('A'+i)), Region: r, CreatedAt: time.Now()}
				if err := tx.InsertOrganisation(c, &o); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile("migrations/" + st.Engine() + "/0010_accounts.sql")
		if err != nil {
			t.Fatal(err)
		}
		err = st.Write(c, func(tx *store.Tx) error {
			for _, stmt := range strings.Split(string(b), ";") {
				if i := strings.Index(stmt, "UPDATE organisations"); i >= 0 {
					if err := tx.ExecForTest(c, stmt[i:]); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		orgs, err := st.Organisations(c, guantong.OrgEmployer)
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range orgs {
			want, ok := guantong.NormalizeRegion(typed[i])
			if !ok {
				want = typed[i]
			}
			if o.Region != want {
				t.Errorf("%q became %q, want %q", typed[i], o.Region, want)
			}
		}
	})
}
