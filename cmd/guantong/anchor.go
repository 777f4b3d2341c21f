package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"time"

	"guantong/internal/audit"
	"guantong/internal/store"
)

// anchoring is serve's schedule of signed checkpoints of the audit chain's head
// (--checkpoint-key, --checkpoint-dir, --checkpoint-every).
type anchoring struct {
	key, dir string
	every    time.Duration
}

func (a *anchoring) register(fs *flag.FlagSet) {
	fs.StringVar(&a.key, "checkpoint-key", envOr("GUANTONG_CHECKPOINT_KEY", ""), "SM2 私钥文件：按时签署审计日志链头（guantong audit keygen 生成；环境变量 GUANTONG_CHECKPOINT_KEY）")
	fs.StringVar(&a.dir, "checkpoint-dir", envOr("GUANTONG_CHECKPOINT_DIR", ""), "写入签名检查点的目录（环境变量 GUANTONG_CHECKPOINT_DIR）")
	fs.DurationVar(&a.every, "checkpoint-every", time.Hour, "签署检查点的间隔，如 1h、15m")
}

// start checks the flags and the key, then writes a checkpoint now and one every interval
// until stop is called (before the store closes). A failed checkpoint is logged and tried
// again at the next tick: the service goes on, and the log shows the gap.
func (a *anchoring) start(ctx context.Context, st *store.Store, now func() time.Time, log *slog.Logger) (stop func(), err error) {
	if a.key == "" && a.dir == "" {
		return func() {}, nil
	}
	if a.key == "" || a.dir == "" {
		return nil, usageError("--checkpoint-key 与 --checkpoint-dir 须同时给出")
	}
	if a.every < time.Minute {
		return nil, usageError("--checkpoint-every %s 过短：至少 1m", a.every)
	}
	key, err := audit.LoadPrivateKey(a.key)
	if err != nil {
		return nil, usageError("无法读取检查点私钥：%s", pathError(err))
	}
	tick := func() {
		c, path, err := audit.Anchor(ctx, st.DB(), key, a.dir, now())
		switch {
		case errors.Is(err, audit.ErrNothingToAnchor):
		case err != nil:
			log.Error("audit checkpoint failed", "dir", a.dir, "err", err)
		default:
			log.Info("audit checkpoint", "file", path, "seq", c.Seq)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	tick() // the first now, before serving: a bad directory shows in the log at once
	go func() {
		defer close(done)
		t := time.NewTicker(a.every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				tick()
			}
		}
	}()
	return func() { cancel(); <-done }, nil
}
