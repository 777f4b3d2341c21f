package web

import (
	"guantong"
	"guantong/internal/workflow"
)

// officeSections are the 职改办's work: qualification checks, the notices it publishes and
// their objections (三(一)5). Checks are approved or returned, and notices that are over sent
// to the committee, many at once.
var officeSections = []section{
	{"review", "待资格审核", "单位已推荐。打开申报，对照系统审查结果和证明材料：通过即公示，或退回单位、不予通过。可勾选多项一次通过或退回。", "没有待审核的申报。",
		[]guantong.Stage{guantong.StageRecommended}, []batchButton{
			{Action: workflow.Approve, Label: "通过所选并公示"},
			{Action: workflow.Return, Label: "退回所选", Danger: true, Note: true}}},
	{"notice", "资格审核公示", "公示期间处理异议；期满且异议均已处理后提交评委会，可勾选多项一次提交。", "没有公示中的申报。",
		[]guantong.Stage{guantong.StageNotice}, []batchButton{{Action: workflow.Send, Label: "所选提交评委会"}}},
	{"result", "评审结果公示", "评委会评审通过后的公示：处理异议。", "没有公示中的评审结果。",
		[]guantong.Stage{guantong.StageResultNotice}, nil},
	{"done", "已办理", "", "暂无。", nil, nil},
}

// officeQueue is the 职改办's 审核工作台, GET /office and its batches, POST /office/batch.
var officeQueue = &queueView{tmpl: "office", title: "审核工作台", nav: "office", roles: []string{guantong.RoleOffice},
	batchURL: "/office/batch"}
