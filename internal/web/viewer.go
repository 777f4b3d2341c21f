package web

import "context"

type viewerKey struct{}

// WithViewer returns a context that carries the signed-in person, for the layout to show.
// The session middleware of the role pages calls it.
func WithViewer(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// ViewerFrom returns the signed-in person, or nil for a visitor.
func ViewerFrom(ctx context.Context) *Viewer {
	v, _ := ctx.Value(viewerKey{}).(*Viewer)
	return v
}
