package main

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"os"

	"guantong"
	"guantong/internal/audit"
	"guantong/internal/store"
)

func init() {
	commands["audit"] = command{summary: "审计日志：verify 核验哈希链（及签名检查点），keygen 生成 SM2 密钥，checkpoint 签署链头", run: runAudit}
}

const auditUsage = "用法：guantong audit verify [--db guantong.db] [--checkpoints DIR [--pubkey KEY.pub.pem] [--skip-later]]\n" +
	"      guantong audit keygen --out KEY.pem\n" +
	"      guantong audit checkpoint --key KEY.pem --dir DIR [--db guantong.db]"

// runAudit dispatches `guantong audit verify|keygen|checkpoint`.
func runAudit(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "verify":
			return runAuditVerify(ctx, e, args[1:])
		case "keygen":
			return runAuditKeygen(e, args[1:])
		case "checkpoint":
			return runAuditCheckpoint(ctx, e, args[1:])
		}
	}
	return usageError("%s", auditUsage)
}

// runAuditVerify is `guantong audit verify [--db guantong.db] [--checkpoints DIR [--pubkey
// P] [--skip-later]]`: it walks the hash-chained log and exits 0 when it is whole, printing
// the head; otherwise it names the first row edited, inserted or deleted and exits 1. With
// --checkpoints it also compares the log with the signed checkpoints of DIR, and names the
// oldest one a rewrite of the whole chain contradicts; --skip-later leaves out those beyond
// the head, for a database restored from a backup.
func runAuditVerify(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "audit verify", "[--db guantong.db] [--checkpoints DIR [--pubkey KEY.pub.pem] [--skip-later]]")
	dsn := dbFlag(fs)
	dir := fs.String("checkpoints", "", "签名检查点所在目录：日志须与其中每个检查点相符")
	pubPath := fs.String("pubkey", "", "签署检查点的 SM2 公钥（默认：检查点文件中所带的公钥，各检查点须为同一把密钥所签，并显示其指纹供核对）")
	skipLater := fs.Bool("skip-later", false, "只比对不超出本库链头的检查点：核验从备份恢复的库时用（备份之后签署的检查点所记的记录不在备份中）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if (*pubPath != "" || *skipLater) && *dir == "" {
		return usageError("--pubkey 与 --skip-later 须与 --checkpoints 同用")
	}
	var pub *ecdsa.PublicKey
	var cps []audit.Checkpoint
	var err error
	if *dir != "" {
		if cps, err = audit.ReadCheckpoints(*dir); err != nil {
			return usageError("无法读取检查点目录 %s：%s", *dir, pathError(err))
		}
		if *pubPath != "" {
			if pub, err = audit.LoadPublicKey(*pubPath); err != nil {
				return usageError("无法读取公钥：%s", pathError(err))
			}
		}
	}
	st, err := openExisting(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	skipped := 0
	if *skipLater {
		if cps, skipped, err = upToHead(ctx, st, cps); err != nil {
			return &exitError{code: 1, msg: fmt.Sprintf("无法核验审计日志：%v", err)}
		}
	}
	var r audit.Report
	if *dir != "" {
		r, err = audit.VerifyCheckpoints(ctx, st.DB(), cps, pub)
	} else {
		r, err = audit.Verify(ctx, st.DB())
	}
	if err != nil {
		return &exitError{code: 1, msg: fmt.Sprintf("无法核验审计日志：%v", err)}
	}
	if r.Problem != nil {
		return &exitError{code: 1, msg: fmt.Sprintf("审计日志不完整：%s（%s，第 %d 条；共 %d 条，链头第 %d 条）",
			r.Problem.Message, r.Problem.Kind, r.Problem.Seq, r.Rows, r.HeadSeq)}
	}
	fmt.Fprintf(e.stdout, "审计日志完整：%d 条记录\n链头：第 %d 条 %s\n", r.Rows, r.HeadSeq, r.HeadHash)
	if r.Checkpoints > 0 {
		fmt.Fprintf(e.stdout, "与 %d 个签名检查点相符（SM2 公钥指纹 SM3:%s）\n", r.Checkpoints, r.Signer)
		if skipped > 0 {
			fmt.Fprintf(e.stdout, "另有 %d 个检查点超出本库链头，未比对（--skip-later）\n", skipped)
		}
	} else {
		fmt.Fprintln(e.stdout, "（未与检查点比对：用 --checkpoints DIR 可发现对整条日志的改写）")
	}
	return nil
}

// upToHead keeps the checkpoints at or below the head of st's chain, for a database
// restored from a backup taken before the later ones; it says how many it left out.
func upToHead(ctx context.Context, st *store.Store, cps []audit.Checkpoint) ([]audit.Checkpoint, int, error) {
	head, _, err := audit.Head(ctx, st.DB())
	if err != nil {
		return nil, 0, err
	}
	var keep []audit.Checkpoint
	for _, c := range cps {
		if c.Seq <= head {
			keep = append(keep, c)
		}
	}
	return keep, len(cps) - len(keep), nil
}

// runAuditKeygen is `guantong audit keygen --out KEY.pem`: a new SM2 key pair for signing
// checkpoints, the private key 0600 and the public key beside it (KEY.pub.pem).
func runAuditKeygen(e *env, args []string) error {
	fs := newFlagSet(e, "audit keygen", "--out KEY.pem")
	out := fs.String("out", "", "私钥文件（权限 0600，须保存在数据库之外）；公钥写在其旁：KEY.pub.pem")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return usageError("用法：guantong audit keygen --out KEY.pem")
	}
	pubPath, err := audit.GenerateKey(*out)
	if err != nil {
		return usageError("%s", pathError(err))
	}
	pub, err := audit.LoadPublicKey(pubPath)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已生成 SM2 密钥：私钥 %s（仅本账号可读），公钥 %s\n公钥指纹 SM3:%s\n（请记下指纹；私钥不要放在数据库所在的机器上供他人读取，也不要放进数据库备份）\n",
		*out, pubPath, audit.Fingerprint(pub))
	return nil
}

// runAuditCheckpoint is `guantong audit checkpoint --key KEY.pem --dir DIR`: it signs the
// head of the chain now and writes it into DIR, unless the newest checkpoint there already
// holds this head.
func runAuditCheckpoint(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "audit checkpoint", "--key KEY.pem --dir DIR [--db guantong.db]")
	dsn := dbFlag(fs)
	keyPath := fs.String("key", "", "SM2 私钥文件（guantong audit keygen 所生成）")
	dir := fs.String("dir", "", "写入检查点的目录（数据库之外，最好在另一台机器或只追加的存储上）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *keyPath == "" || *dir == "" || fs.NArg() > 0 {
		return usageError("用法：guantong audit checkpoint --key KEY.pem --dir DIR [--db guantong.db]")
	}
	key, err := audit.LoadPrivateKey(*keyPath)
	if err != nil {
		return usageError("无法读取私钥：%s", pathError(err))
	}
	st, err := openExisting(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	c, path, err := audit.Anchor(ctx, st.DB(), key, *dir, e.now())
	switch {
	case errors.Is(err, audit.ErrNothingToAnchor) && path == "":
		fmt.Fprintln(e.stdout, "审计日志为空，无需检查点")
	case errors.Is(err, audit.ErrNothingToAnchor):
		fmt.Fprintf(e.stdout, "链头未变（第 %d 条），已有检查点 %s\n", c.Seq, path)
	case err != nil:
		return err
	default:
		fmt.Fprintf(e.stdout, "已签署检查点 %s：第 %d 条 %s\n", path, c.Seq, c.Hash)
	}
	return nil
}

// openExisting opens a database that must already exist, at this binary's schema version:
// a command that reads it should not create an empty one by a typo, nor migrate one that
// app servers of another version use.
func openExisting(ctx context.Context, dsn string) (*store.Store, error) {
	if !store.IsPostgres(dsn) {
		if _, err := os.Stat(dsn); err != nil {
			return nil, usageError("无法打开数据库 %s：%s", dsn, pathError(err))
		}
	}
	st, err := store.OpenCurrent(ctx, dsn)
	if errors.Is(err, guantong.ErrConflict) {
		return nil, usageError("%v", err)
	}
	return st, err
}
