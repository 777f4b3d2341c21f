package main

import "flag"

// parseMixed parses flags that may come before or after the positional arguments
// (`template staff -o staff.xlsx` as well as `template -o staff.xlsx staff`), which the flag
// package alone stops at; it returns the positional arguments.
func parseMixed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}
