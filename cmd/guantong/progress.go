package main

import (
	"time"

	"github.com/schollz/progressbar/v3"
)

// newBar returns a progress bar on the command's stderr. total < 0 is a count without a
// known end (a spinner); bytes makes it count bytes.
func newBar(e *env, total int64, description string, bytes bool) *progressbar.ProgressBar {
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetDescription(description),
		progressbar.OptionThrottle(200 * time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionOnCompletion(func() { e.stderr.Write([]byte("\n")) }),
	}
	if bytes {
		opts = append(opts, progressbar.OptionShowBytes(true))
	} else {
		opts = append(opts, progressbar.OptionShowCount(), progressbar.OptionSetItsString("人"), progressbar.OptionShowIts())
	}
	return progressbar.NewOptions64(total, opts...)
}
