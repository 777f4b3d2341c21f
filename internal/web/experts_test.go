package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"guantong"
)

// asAdmin is the admin as the service sees them, for a test to look behind the pages.
var asAdmin = &guantong.User{Username: "admin", Role: guantong.RoleAdmin}

// org returns the ID of the demo organisation of that name.
func (w *world) org(name string) int64 {
	w.t.Helper()
	orgs, err := w.s.svc.Organisations(context.Background(), asAdmin, "")
	if err != nil {
		w.t.Fatal(err)
	}
	for _, o := range orgs {
		if o.Name == name {
			return o.ID
		}
	}
	w.t.Fatalf("no organisation %s", name)
	return 0
}

// committee returns the path of a committee's membership page.
func (w *world) committee(name string) string {
	return "/admin/committees/" + strconv.FormatInt(w.org(name), 10)
}

// pool returns the number of experts and of accounts.
func (w *world) pool() (experts, users int) {
	w.t.Helper()
	es, err := w.s.svc.Experts(context.Background(), asAdmin)
	if err != nil {
		w.t.Fatal(err)
	}
	us, err := w.s.svc.Users(context.Background(), asAdmin)
	if err != nil {
		w.t.Fatal(err)
	}
	return len(es), len(us)
}

// TestExpertPool: the admin adds a skilled expert with their login, who can then sign in;
// mistakes come back next to their fields and write nothing.
func TestExpertPool(t *testing.T) {
	w := newWorld(t)
	adm := w.as("admin")
	employer := strconv.FormatInt(w.org("河北冀钢集团有限公司"), 10)
	good := url.Values{"name": {"李工"}, "employer_id": {employer}, "series": {"工程"}, "specialty": {"焊接"}, "skill_level": {"高级技师"},
		"skilled": {"1"}, "username": {"ligong"}, "password": {"ligong-pass-2026"}}
	status, body := adm.post("/admin/experts", good)
	if status != 200 || !strings.HasSuffix(adm.last, "/admin/experts?created="+url.QueryEscape("李工")) {
		t.Fatalf("create: %d %s\n%s", status, adm.last, body)
	}
	mustShow(t, "the pool after adding", body, "专家 李工 已添加", "<code>ligong</code>", "焊接", "高级技师")
	experts, users := w.pool()

	me := w.as("")
	if status, body := me.post("/login", url.Values{"username": {"ligong"}, "password": {"ligong-pass-2026"}}); status != 200 || !strings.HasSuffix(me.last, "/expert") {
		t.Fatalf("the new expert's login: %d %s\n%.300s", status, me.last, body)
	}
	if status, body := me.get("/expert"); status != 200 || !strings.Contains(body, "评审会议") {
		t.Errorf("the new expert's page: %d", status)
	}

	for _, tt := range []struct {
		name string
		form url.Values
		want []string
	}{
		{"no name, skilled without a skill level", url.Values{"name": {" "}, "employer_id": {employer}, "specialty": {"焊接"}, "skilled": {"1"},
			"username": {"nobody"}, "password": {"nobody-pass-2026"}},
			[]string{"不能为空", "高技能人才专家须具有高级工及以上职业技能等级", `value="焊接"`, `name="skilled" value="1" checked`, `value="nobody"`}},
		{"a taken username", url.Values{"name": {"王工"}, "employer_id": {employer}, "username": {"expert1"}, "password": {"wang-pass-2026"}},
			[]string{"用户名 expert1 已被使用", `value="王工"`}},
		{"no login", url.Values{"name": {"王工"}, "employer_id": {employer}}, []string{"请填写登录用户名"}},
		{"no employer, a short password", url.Values{"name": {"王工"}, "username": {"wanggong"}, "password": {"short"}}, []string{"须为一个用人单位的编号", "密码须至少 10 个字符"}},
	} {
		status, body := adm.post("/admin/experts", tt.form)
		if status != 422 {
			t.Errorf("%s: status %d, want 422", tt.name, status)
		}
		mustShow(t, tt.name, body, tt.want...)
		if strings.Contains(body, "pass-2026") {
			t.Errorf("%s: the password is typed back into the page", tt.name)
		}
		if e, u := w.pool(); e != experts || u != users {
			t.Errorf("%s: %d experts and %d accounts, want %d and %d: something was written", tt.name, e, u, experts, users)
		}
	}
	sec := w.as("secretary")
	if status, body := sec.get("/admin/experts"); status != 200 || strings.Contains(body, `action="/admin/experts"`) || strings.Contains(body, "ligong") {
		t.Errorf("the secretary's pool: %d, with the admin's form or the logins", status)
	}
	if status, _ := sec.post("/admin/experts", good); status != 403 {
		t.Errorf("a secretary adding an expert: %d", status)
	}
}

// TestCommitteeMembers: the admin seats a new expert on the 工程 中级 committee; a
// membership below the committee's rules is refused with their reason and changes nothing.
func TestCommitteeMembers(t *testing.T) {
	w := newWorld(t)
	adm := w.as("admin")
	board := w.committee("河北省工程系列中级职称评审委员会")
	status, body := adm.post("/admin/experts", url.Values{"name": {"李工"}, "employer_id": {strconv.FormatInt(w.org("石家庄市建筑业协会"), 10)},
		"skill_level": {"高级技师"}, "skilled": {"1"}, "username": {"ligong"}, "password": {"ligong-pass-2026"}})
	if status != 200 {
		t.Fatalf("create: %d\n%s", status, body)
	}
	// The demo's nine (1-9; 刘秀英, 2, chairs) and 李工, 10.
	status, body = adm.post(board, url.Values{"expert": {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}, "role-2": {"chair"}, "role-3": {"vice_chair"}, "role-10": {"member"}})
	if status != 200 || !strings.HasSuffix(adm.last, board+"?saved=1") {
		t.Fatalf("set members: %d %s\n%s", status, adm.last, body)
	}
	mustShow(t, "the saved committee", body, "评委会组成已保存，共 10 人，其中高技能人才专家 3 人", "<td data-label=\"姓名\">李工</td>", `id="member-10" checked`)
	members := func() int {
		ms, err := w.s.svc.CommitteeMembers(context.Background(), asAdmin, w.org("河北省工程系列中级职称评审委员会"))
		if err != nil {
			t.Fatal(err)
		}
		return len(ms)
	}

	for _, tt := range []struct {
		name string
		form url.Values
		want []string
	}{
		{"no skilled expert (三(一)6), too few (职称评审管理暂行规定)", url.Values{"expert": {"2", "3"}, "role-2": {"chair"}},
			[]string{"评委会组成未保存", "高技能人才专家 0 人，少于 1 人（三(一)6）", "评委会专家 2 人，少于 9 人", `id="member-2" checked`, `id="member-3" checked`, `id="member-1">`}},
		{"two chairs", url.Values{"expert": {"1", "2"}, "role-1": {"chair"}, "role-2": {"chair"}}, []string{"主任委员只能有一名"}},
		{"nobody", url.Values{}, []string{"高技能人才专家 0 人"}},
	} {
		status, body := adm.post(board, tt.form)
		if status != 422 {
			t.Errorf("%s: status %d, want 422", tt.name, status)
		}
		mustShow(t, tt.name, body, tt.want...)
		if n := members(); n != 10 {
			t.Errorf("%s: the committee has %d members, want the 10 it had", tt.name, n)
		}
	}
	if status, _ := w.as("secretary").post(board, url.Values{"expert": {"1"}}); status != 403 {
		t.Errorf("the secretary setting members: %d", status)
	}
	status, body = w.as("secretary").get("/committee")
	if status != 200 {
		t.Fatalf("the secretary's page: %d", status)
	}
	mustShow(t, "the secretary's page", body, "评委会成员 <span class=\"count\">10</span>", "其中高技能人才专家 <strong>3</strong> 人", "李工")
	if strings.Contains(body, "保存评委会组成") {
		t.Errorf("the secretary's page offers the admin's form")
	}
}

// TestExpertEdit: the admin changes an expert's employer, and the list shows it; a wrong
// edit comes back at its fields and writes nothing; an expert who sits on a committee
// cannot be taken out of the pool, the committee named; one who sits on none is, greyed
// and no longer offered for a committee, until taken back in.
func TestExpertEdit(t *testing.T) {
	w := newWorld(t)
	adm := w.as("admin")
	expert := func(id int64) guantong.Expert {
		t.Helper()
		e, err := w.s.svc.Expert(context.Background(), asAdmin, id)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	// 王建国 (1) moves from 河北冀钢集团有限公司 to 石家庄市建筑业协会.
	moved := strconv.FormatInt(w.org("石家庄市建筑业协会"), 10)
	status, body := adm.post("/admin/experts/1", url.Values{"name": {"王建国"}, "employer_id": {moved}, "series": {"工程"}, "specialty": {"机械制造"},
		"skill_level": {"高级技师"}, "skilled": {"1"}})
	if status != 200 || !strings.Contains(adm.last, "/admin/experts?saved=1") {
		t.Fatalf("edit: %d %s\n%s", status, adm.last, body)
	}
	mustShow(t, "the pool after the edit", body, "专家 王建国 的信息已保存", `<td data-label="单位">石家庄市建筑业协会</td>`)
	if e := expert(1); strconv.FormatInt(e.EmployerID, 10) != moved || !e.Skilled || e.Skill != guantong.Skill1 || e.UserID == 0 || !e.Active {
		t.Errorf("王建国 after the edit: %+v", e)
	}
	if status, body := adm.get("/admin/experts/1"); status != 200 || !strings.Contains(body, `value="`+moved+`" selected>石家庄市建筑业协会`) {
		t.Errorf("the edit form after the edit: %d", status)
	}

	before := expert(1)
	status, body = adm.post("/admin/experts/1", url.Values{"name": {" "}, "employer_id": {"999"}, "specialty": {"焊接"}, "skilled": {"1"}})
	if status != 422 {
		t.Errorf("a wrong edit: status %d, want 422", status)
	}
	mustShow(t, "a wrong edit", body, "不能为空", "须为一个用人单位的编号", "高技能人才专家须具有高级工及以上职业技能等级", `value="焊接"`,
		`name="skilled" value="1" checked`, "修改专家：王建国")
	if after := expert(1); after != before {
		t.Errorf("a wrong edit wrote %+v, was %+v", after, before)
	}

	// 刘秀英 (2) chairs the 工程 中级 committee: she stays.
	status, body = adm.post("/admin/experts/2/deactivate", url.Values{})
	if status != 409 {
		t.Errorf("taking out a member: status %d, want 409", status)
	}
	mustShow(t, "taking out a member", body, "刘秀英是河北省工程系列中级职称评审委员会的成员，不能停用")
	if !expert(2).Active {
		t.Errorf("刘秀英 was taken out of the pool")
	}

	// 李工 (10) sits on no committee.
	board := w.committee("河北省工程系列中级职称评审委员会")
	if status, body := adm.post("/admin/experts", url.Values{"name": {"李工"}, "employer_id": {moved}, "username": {"ligong"}, "password": {"ligong-pass-2026"}}); status != 200 {
		t.Fatalf("create: %d\n%s", status, body)
	}
	status, body = adm.post("/admin/experts/10/deactivate", url.Values{})
	if status != 200 || !strings.Contains(adm.last, "deactivated=10") {
		t.Fatalf("taking out 李工: %d %s\n%s", status, adm.last, body)
	}
	mustShow(t, "李工 taken out", body, "专家 李工 已停用", `<tr id="expert-10" class="inactive">`, `<span class="warn-text">已停用</span>`,
		`action="/admin/experts/10/activate"`)
	if _, body := adm.get(board); strings.Contains(body, `id="member-10"`) {
		t.Errorf("an expert taken out is offered for the committee")
	}
	if status, _ := w.as("secretary").post("/admin/experts/10/activate", url.Values{}); status != 403 {
		t.Errorf("the secretary taking an expert back: %d", status)
	}
	if _, body := w.as("secretary").get("/admin/experts"); strings.Contains(body, "/admin/experts/6") {
		t.Errorf("the secretary is offered the admin's buttons")
	}
	status, body = adm.post("/admin/experts/10/activate", url.Values{})
	if status != 200 {
		t.Fatalf("taking 李工 back: %d", status)
	}
	mustShow(t, "李工 back", body, "专家 李工 已重新启用", `<tr id="expert-10">`, `action="/admin/experts/10/deactivate"`)
	if _, body := adm.get(board); !strings.Contains(body, `id="member-10"`) {
		t.Errorf("an expert taken back is not offered for the committee")
	}
}
