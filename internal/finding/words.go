package finding

import "strings"

// Words lists parts as a message writes them: "a", "a and b", "a, b and c".
func Words(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
