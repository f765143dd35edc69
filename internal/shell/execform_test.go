package shell

import (
	"slices"
	"testing"
)

func TestExecFormWords(t *testing.T) {
	for _, tt := range []struct {
		cmd  string
		want []string // nil: not a plain word list
	}{
		{"app", []string{"app"}},
		{"/usr/local/bin/app --port 8080", []string{"/usr/local/bin/app", "--port", "8080"}},
		{"  app   -v  ", []string{"app", "-v"}},
		{`nginx -g 'daemon off;'`, []string{"nginx", "-g", "daemon off;"}},
		{`app "a b" 'c "d"' e\ f`, []string{"app", "a b", `c "d"`, "e f"}},
		{`app "say \"hi\"" "back\\slash" "keep \n"`, []string{"app", `say "hi"`, `back\slash`, `keep \n`}},
		{`app --opt=val ''`, []string{"app", "--opt=val", ""}},
		{"exec app -v", []string{"app", "-v"}},
		{"exec -- app", []string{"app"}},
		{"app # a comment", []string{"app"}},
		{"app [", []string{"app", "["}},
		{"[ -f /x ]", nil},

		{"", nil},
		{"exec", nil},
		{"exec -a name app", nil},
		{"app $PORT", nil},
		{`app "$PORT"`, nil},
		{"app ${PORT:-80}", nil},
		{"app $(cat /port)", nil},
		{"app `cat /port`", nil},
		{"app *.conf", nil},
		{"app file?.txt", nil},
		{"app [ab].conf", nil},
		{"app {a,b}", nil},
		{"app ~/conf", nil},
		{"app $'tab\\t'", nil},
		{"FOO=1 app", nil},
		{"A+=1", nil},                   // bash appends to A; POSIX sh runs a program "A+=1"
		{"A+=1 app", nil},               // the same, in front of a command
		{"A[0]=x app", nil},             // bash assigns to an array element
		{"exec A+=1", []string{"A+=1"}}, // after exec every shell runs a program "A+=1"
		{"app A+=1", []string{"app", "A+=1"}},
		{"a+b=1", []string{"a+b=1"}},
		{"app > /var/log/app.log", nil},
		{"app 2>&1", nil},
		{"app | tee log", nil},
		{"a && app", nil},
		{"a; app", nil},
		{"app &", nil},
		{"! app", nil},
		{"( app )", nil},
		{"{ app; }", nil},
		{"if true; then app; fi", nil},
		{"cd /srv", nil},
		{"echo hi", nil},
		{"app 'unclosed", nil},
		{"app <<EOF\nx\nEOF", nil},
	} {
		got, ok := ExecFormWords(tt.cmd)
		if ok != (tt.want != nil) || !slices.Equal(got, tt.want) {
			t.Errorf("ExecFormWords(%q) = %q, %v; want %q, %v", tt.cmd, got, ok, tt.want, tt.want != nil)
		}
	}
}
