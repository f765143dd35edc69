package dockerlint

import "testing"

func TestStopSignalUnusable(t *testing.T) {
	runRuleCases(t, StopSignalUnusable, []ruleCase{
		{name: "SIGKILL", dockerfile: "FROM alpine\nSTOPSIGNAL SIGKILL\nCMD [\"/app\"]\n", want: []string{"2:error"}, message: []string{"cannot be caught"}},
		{name: "KILL without prefix", dockerfile: "FROM alpine\nSTOPSIGNAL kill\n", want: []string{"2:error"}},
		{name: "9", dockerfile: "FROM alpine\nSTOPSIGNAL 9\n", want: []string{"2:error"}},
		{name: "SIGSTOP", dockerfile: "FROM alpine\nSTOPSIGNAL SIGSTOP\n", want: []string{"2:error"}, message: []string{"freezes"}},
		{name: "19 is SIGSTOP", dockerfile: "FROM alpine\nSTOPSIGNAL 19\n", want: []string{"2:error"}},
		{name: "not a signal", dockerfile: "FROM alpine\nSTOPSIGNAL SIGFOO\n", want: []string{"2:error"}, message: []string{"not a signal"}},
		{name: "number out of range", dockerfile: "FROM alpine\nSTOPSIGNAL 99\n", want: []string{"2:error"}},
		{name: "SIGTERM", dockerfile: "FROM alpine\nSTOPSIGNAL SIGTERM\n"},
		{name: "SIGINT", dockerfile: "FROM alpine\nSTOPSIGNAL SIGINT\n"},
		{name: "SIGQUIT by number", dockerfile: "FROM alpine\nSTOPSIGNAL 3\n"},
		{name: "real-time signal", dockerfile: "FROM alpine\nSTOPSIGNAL SIGRTMIN+3\n"},
		// docker build expands STOPSIGNAL with the stage's ARGs and ENVs.
		{name: "build argument", dockerfile: "FROM alpine\nARG SIG=SIGKILL\nSTOPSIGNAL $SIG\n", want: []string{"3:error"}, message: []string{"STOPSIGNAL $SIG (SIGKILL)", "cannot be caught"}},
		{name: "build argument in braces", dockerfile: "FROM alpine\nARG S=SIGKILL\nSTOPSIGNAL ${S}\n", want: []string{"3:error"}},
		{name: "default from before FROM", dockerfile: "ARG S=SIGSTOP\nFROM alpine\nARG S\nSTOPSIGNAL $S\n", want: []string{"4:error"}},
		{name: "ARG built from another", dockerfile: "FROM alpine\nARG N=KILL\nARG S=SIG${N}\nSTOPSIGNAL $S\n", want: []string{"4:error"}},
		{name: "ENV", dockerfile: "FROM alpine\nENV SIG=9\nSTOPSIGNAL $SIG\n", want: []string{"3:error"}},
		{name: "ENV wins over ARG", dockerfile: "FROM alpine\nENV S=SIGTERM\nARG S=SIGKILL\nSTOPSIGNAL $S\n"},
		{name: "ENV of the stage it is FROM", dockerfile: "FROM alpine AS base\nENV S=SIGKILL\nFROM base\nSTOPSIGNAL $S\n", want: []string{"4:error"}},
		{name: "build argument without default", dockerfile: "FROM alpine\nARG SIG\nSTOPSIGNAL $SIG\n"},
		{name: "ARG before FROM is not in the stage", dockerfile: "ARG SIG=SIGKILL\nFROM alpine\nSTOPSIGNAL $SIG\n"},
		{name: "ARG of the stage it is FROM is not inherited", dockerfile: "FROM alpine AS base\nARG S=SIGKILL\nFROM base\nSTOPSIGNAL $S\n"},
		{name: "expands to a good signal", dockerfile: "FROM alpine\nARG SIG=SIGINT\nSTOPSIGNAL $SIG\n"},
		{name: "inherited", dockerfile: "FROM alpine AS base\nSTOPSIGNAL SIGKILL\nFROM base\n", want: []string{"2:error"}},
		{name: "later one wins", dockerfile: "FROM alpine\nSTOPSIGNAL SIGKILL\nSTOPSIGNAL SIGTERM\n"},
		{name: "build stage only", dockerfile: "FROM alpine AS build\nSTOPSIGNAL SIGKILL\nFROM alpine\n"},
	})
}
