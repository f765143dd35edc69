package golangci

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// analyzer builds the plugin as golangci-lint does: from its registration, with
// settings as golangci-lint decodes them from YAML.
func analyzer(t *testing.T, settings any) *analysis.Analyzer {
	t.Helper()
	newPlugin, err := register.GetPlugin(Name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(settings)
	if err != nil {
		t.Fatal(err)
	}
	if mode := p.GetLoadMode(); mode != register.LoadModeTypesInfo {
		t.Errorf("load mode %q, want %q", mode, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 || as[0].Name != Name {
		t.Fatalf("analyzers %v, want one named %s (golangci-lint prefixes the messages of the others with their names)", as, Name)
	}
	return as[0]
}

// TestPlugin checks every rule's diagnostic as golangci-lint receives it, worded
// as gracelint prints it, across packages (package stop handles SIGTERM for
// cmd/withstop), and its fix against the .golden files, which are what
// gracelint -fix writes.
func TestPlugin(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, filepath.Join(analysistest.TestData(), "mod"), analyzer(t, nil), "./...")
}

func TestSettings(t *testing.T) {
	settings := map[string]any{ // as golangci-lint hands them over: keys lowercased
		"disable":  []any{"no-sigterm-handler"},
		"severity": map[string]any{"gl204": "info"},
	}
	analysistest.Run(t, filepath.Join(analysistest.TestData(), "settings"), analyzer(t, settings), "./...")
}

func TestSettingsErrors(t *testing.T) {
	for _, tc := range []struct {
		settings any
		want     string
	}{
		{map[string]any{"enable": []any{"GL201"}}, `unknown field "enable"`},
		{map[string]any{"disable": "GL201"}, "cannot unmarshal string"},
		{map[string]any{"disable": []any{"GL101"}}, `disable: unknown rule "GL101" (see gracelint rules); the plugin has only gracelint's Go rules, GL201 to GL206`},
		{map[string]any{"severity": map[string]any{"GL202": "fatal"}}, `severity: GL202: unknown severity "fatal"`},
	} {
		_, err := New(tc.settings)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%v) = %v, want an error containing %s", tc.settings, err, tc.want)
		}
	}
}
