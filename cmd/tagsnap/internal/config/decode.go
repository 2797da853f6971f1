package config

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/tagsnap/tagsnap/extract"
)

// The file is decoded by walking goccy/go-yaml's AST rather than by
// unmarshalling into structs: every key and value keeps its position, so
// each problem can be reported at its line with its YAML path.

var (
	topKeys     = []string{"defaults", "sources"}
	settingKeys = []string{"schedule", "max_pages", "delay", "per_host", "user_agent", "timeout", "full_every", "allow_hosts"}
	sourceKeys  = append([]string{"name", "url", "selectors"}, settingKeys...)
	// selectorKeys are the keys of a selectors mapping, in
	// extract.SelectorSpec's field order.
	selectorKeys = []string{"item", "title", "url", "summary", "published", "author", "image", "next"}
)

const (
	// maxAliasChain bounds alias -> anchor -> tag indirections of one node.
	maxAliasChain = 64
	// maxMergeDepth bounds nested merge keys.
	maxMergeDepth = 32
)

var nameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// decoder holds the state of one Parse.
type decoder struct {
	path string
	// anchors maps anchor names to their nodes, as met in document order,
	// so an alias resolves to the latest anchor of its name before it.
	anchors map[string]ast.Node
}

func newDecoder(path string) *decoder {
	return &decoder{path: path, anchors: make(map[string]ast.Node)}
}

// entry is one key of a mapping, merge keys resolved.
type entry struct {
	key  string
	keyN ast.Node // for positions
	val  ast.Node // not resolved
}

// overlay is the settings keys set in one place (defaults or a source).
type overlay struct {
	s   Settings
	set map[string]bool
}

// apply returns base with the keys set in o replaced.
func (o *overlay) apply(base Settings) Settings {
	s := base.clone()
	for k := range o.set {
		switch k {
		case "schedule":
			s.Schedule = o.s.Schedule
		case "max_pages":
			s.MaxPages = o.s.MaxPages
		case "delay":
			s.Delay = o.s.Delay
		case "per_host":
			s.PerHost = o.s.PerHost
		case "user_agent":
			s.UserAgent = o.s.UserAgent
		case "timeout":
			s.Timeout = o.s.Timeout
		case "full_every":
			s.FullEvery = o.s.FullEvery
		case "allow_hosts":
			s.AllowHosts = nil
			if len(o.s.AllowHosts) > 0 {
				s.AllowHosts = slices.Clone(o.s.AllowHosts)
			}
		}
	}
	return s
}

// rawSource is a source before the defaults are applied.
type rawSource struct {
	src      Source
	settings overlay
}

// errAt returns an *Error at n's position.
func (d *decoder) errAt(n ast.Node, field, format string, args ...any) *Error {
	line, col := pos(n)
	return &Error{Path: d.path, Line: line, Column: col, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// pos returns where n starts: for a block mapping its first key, for other
// nodes their token.
func pos(n ast.Node) (line, col int) {
	if n == nil {
		return 0, 0
	}
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 && m.Values[0].Key != nil {
		n = m.Values[0].Key
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line, tk.Position.Column
}

func (d *decoder) parse(data []byte) (*Config, error) {
	file, err := parseYAML(data)
	if err != nil {
		return nil, d.syntaxError(err)
	}
	var body ast.Node
	for _, doc := range file.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if body != nil {
			return nil, d.errAt(doc.Body, "", "more than one YAML document; put everything in one")
		}
		body = doc.Body
	}
	if body == nil {
		return nil, &Error{Path: d.path, Line: 1, Msg: `file is empty: it needs a "sources" list (and optionally "defaults")`}
	}

	top, err := d.mapping(body, "", false)
	if err != nil {
		return nil, err
	}
	var (
		defaults = overlay{set: map[string]bool{}}
		raws     []rawSource
		haveSrc  bool
	)
	for _, e := range top {
		switch e.key {
		case "defaults":
			if err := d.defaults(e, &defaults); err != nil {
				return nil, err
			}
		case "sources":
			haveSrc = true
			if raws, err = d.sources(e); err != nil {
				return nil, err
			}
		default:
			return nil, d.unknownKey(e, "", topKeys)
		}
	}
	if !haveSrc {
		return nil, d.errAt(body, "sources", "missing: the file needs a list of sources, each with a name and a url")
	}

	cfg := &Config{Path: d.path, Defaults: defaults.apply(DefaultSettings())}
	cfg.Sources = make([]Source, len(raws))
	for i, r := range raws {
		s := r.src
		s.Settings = r.settings.apply(cfg.Defaults)
		cfg.Sources[i] = s
	}
	return cfg, nil
}

// parseYAML runs goccy's parser, turning a panic on malformed input into a
// syntax error: a config file must never crash the program.
func parseYAML(data []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("YAML parser failed: %v", r)
		}
	}()
	return parser.ParseBytes(data, 0)
}

// syntaxError converts a goccy parse error, keeping its position.
func (d *decoder) syntaxError(err error) *Error {
	e := &Error{Path: d.path, Line: 1, Msg: "invalid YAML: " + err.Error()}
	var ye yaml.Error
	if errors.As(err, &ye) {
		e.Msg = "invalid YAML: " + ye.GetMessage()
		if strings.Contains(e.Msg, "'@' is a reserved character") {
			e.Msg += ` (quote values that start with it, as in "@every 1h")`
		}
		if tk := ye.GetToken(); tk != nil && tk.Position != nil && tk.Position.Line > 0 {
			e.Line, e.Column = tk.Position.Line, tk.Position.Column
		}
	}
	return e
}

func (d *decoder) defaults(e entry, o *overlay) error {
	entries, err := d.mapping(e.val, "defaults", true)
	if err != nil {
		return err
	}
	for _, se := range entries {
		ok, err := d.setting(o, se, "defaults")
		if err != nil {
			return err
		}
		if !ok {
			return d.unknownKey(se, "defaults", settingKeys)
		}
	}
	return nil
}

func (d *decoder) sources(e entry) ([]rawSource, error) {
	items, list, err := d.sequence(e.val, "sources")
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		n := list
		if n == nil {
			n = e.keyN
		}
		return nil, d.errAt(n, "sources", "is empty: list at least one source, each with a name and a url")
	}
	type first struct {
		name  string
		index int
		line  int
	}
	seen := make(map[string]first)
	raws := make([]rawSource, 0, len(items))
	for i, item := range items {
		r, nameN, err := d.source(i, item)
		if err != nil {
			return nil, err
		}
		key := strings.ToLower(r.src.Name)
		if f, dup := seen[key]; dup {
			field := fmt.Sprintf("sources[%d].name", i)
			if f.name == r.src.Name {
				return nil, d.errAt(nameN, field, "duplicate source name %q (first used by sources[%d] at line %d)", r.src.Name, f.index, f.line)
			}
			return nil, d.errAt(nameN, field, "duplicate source name %q: sources[%d] at line %d is %q, and names are compared ignoring case", r.src.Name, f.index, f.line, f.name)
		}
		line, _ := pos(nameN)
		seen[key] = first{name: r.src.Name, index: i, line: line}
		raws = append(raws, r)
	}
	return raws, nil
}

// source decodes sources[i]. It returns the node of the name's value too,
// for duplicate errors.
func (d *decoder) source(i int, n ast.Node) (rawSource, ast.Node, error) {
	field := fmt.Sprintf("sources[%d]", i)
	r := rawSource{settings: overlay{set: map[string]bool{}}}
	r.src.Line, _ = pos(n)
	entries, err := d.mapping(n, field, false)
	if err != nil {
		return r, nil, err
	}
	var nameN, urlN ast.Node
	for _, e := range entries {
		f := field + "." + e.key
		switch e.key {
		case "name":
			s, vn, err := d.str(e.val, f)
			if err != nil {
				return r, nil, err
			}
			if msg := checkName(s); msg != "" {
				return r, nil, d.errAt(vn, f, "%s", msg)
			}
			r.src.Name, nameN = s, vn
		case "url":
			s, vn, err := d.str(e.val, f)
			if err != nil {
				return r, nil, err
			}
			s = strings.TrimSpace(s)
			if s == "" {
				return r, nil, d.errAt(vn, f, "must not be empty")
			}
			if msg := checkURL(s); msg != "" {
				return r, nil, d.errAt(vn, f, "%s", msg)
			}
			r.src.URL, urlN = s, vn
		case "selectors":
			if err := d.selectors(e, f, &r.src); err != nil {
				return r, nil, err
			}
		default:
			ok, err := d.setting(&r.settings, e, field)
			if err != nil {
				return r, nil, err
			}
			if !ok {
				return r, nil, d.unknownKey(e, field, sourceKeys)
			}
		}
	}
	if nameN == nil {
		return r, nil, d.errAt(n, field+".name", "missing: every source needs a name and a url")
	}
	if urlN == nil {
		return r, nil, d.errAt(n, field+".url", "missing: every source needs a name and a url")
	}
	return r, nameN, nil
}

// selectors decodes and compiles a source's selectors.
func (d *decoder) selectors(e entry, field string, src *Source) error {
	entries, err := d.mapping(e.val, field, true)
	if err != nil {
		return err
	}
	var spec extract.SelectorSpec
	dst := map[string]*string{
		"item": &spec.Item, "title": &spec.Title, "url": &spec.URL, "summary": &spec.Summary,
		"published": &spec.Published, "author": &spec.Author, "image": &spec.Image, "next": &spec.Next,
	}
	nodes := make(map[string]ast.Node)
	for _, se := range entries {
		p, ok := dst[se.key]
		if !ok {
			return d.unknownKey(se, field, selectorKeys)
		}
		s, vn, err := d.str(se.val, field+"."+se.key)
		if err != nil {
			return err
		}
		*p = strings.TrimSpace(s)
		nodes[se.key] = vn
	}
	src.SelectorSpec = spec
	if spec.IsZero() {
		return nil
	}
	sel, err := extract.CompileSelectors(spec)
	if err != nil {
		var se *extract.SelectorError
		if !errors.As(err, &se) {
			e := d.errAt(e.keyN, field, "%v", err)
			e.err = err
			return e
		}
		n, ok := nodes[se.Field]
		if !ok {
			n = e.keyN
		}
		msg := se.Err.Error()
		if se.Selector != "" {
			msg = fmt.Sprintf("invalid selector %q: %v", se.Selector, se.Err)
		}
		e := d.errAt(n, field+"."+se.Field, "%s", msg)
		e.err = err
		return e
	}
	src.Selectors = sel
	return nil
}

// setting decodes e into o if e is a settings key; ok is false for any
// other key.
func (d *decoder) setting(o *overlay, e entry, parent string) (ok bool, err error) {
	f := parent + "." + e.key
	switch e.key {
	case "schedule":
		s, vn, err := d.str(e.val, f)
		if err != nil {
			return true, err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return true, d.errAt(vn, f, `must not be empty: give a cron spec like "0 */2 * * *" or "@every 1h"`)
		}
		o.s.Schedule = s
	case "max_pages", "per_host", "full_every":
		n, vn, err := d.integer(e.val, f)
		if err != nil {
			return true, err
		}
		least := 1
		if e.key == "full_every" {
			least = 0
		}
		if n < least {
			return true, d.errAt(vn, f, "must be at least %d, got %d", least, n)
		}
		switch e.key {
		case "max_pages":
			o.s.MaxPages = n
		case "per_host":
			o.s.PerHost = n
		default:
			o.s.FullEvery = n
		}
	case "delay", "timeout":
		v, vn, err := d.duration(e.val, f)
		if err != nil {
			return true, err
		}
		if e.key == "timeout" {
			if v <= 0 {
				return true, d.errAt(vn, f, "must be greater than 0, got %s", v)
			}
			o.s.Timeout = v
		} else {
			o.s.Delay = v
		}
	case "user_agent":
		s, vn, err := d.str(e.val, f)
		if err != nil {
			return true, err
		}
		s = strings.TrimSpace(s)
		if strings.IndexFunc(s, unicode.IsControl) >= 0 {
			return true, d.errAt(vn, f, "must not contain control characters or line breaks")
		}
		o.s.UserAgent = s
	case "allow_hosts":
		items, _, err := d.sequence(e.val, f)
		if err != nil {
			return true, err
		}
		hosts := make([]string, 0, len(items))
		for i, item := range items {
			hf := fmt.Sprintf("%s[%d]", f, i)
			s, vn, err := d.str(item, hf)
			if err != nil {
				return true, err
			}
			h := strings.ToLower(strings.TrimSpace(s))
			if msg := checkHost(h); msg != "" {
				return true, d.errAt(vn, hf, "%s, got %q", msg, s)
			}
			if !slices.Contains(hosts, h) {
				hosts = append(hosts, h)
			}
		}
		o.s.AllowHosts = hosts
	default:
		return false, nil
	}
	o.set[e.key] = true
	return true, nil
}

// unknownKey reports e's key as not allowed under parent, suggesting the
// closest allowed key or listing them all.
func (d *decoder) unknownKey(e entry, parent string, allowed []string) *Error {
	if s := suggest(e.key, allowed); s != "" {
		return d.errAt(e.keyN, parent, "unknown key %q (did you mean %q?)", e.key, s)
	}
	return d.errAt(e.keyN, parent, "unknown key %q (allowed: %s)", e.key, strings.Join(allowed, ", "))
}

// suggest returns the allowed key closest to key, or "" if none is close.
func suggest(key string, allowed []string) string {
	k := strings.ReplaceAll(strings.ToLower(key), "-", "_")
	best, bestD := "", 3
	for _, a := range allowed {
		if dist := editDistance(k, a); dist < bestD {
			best, bestD = a, dist
		}
	}
	if bestD > 0 && len(k) < 4 && bestD > 1 {
		return "" // short keys: two edits make anything look alike
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b,
// in bytes: insertions, deletions, substitutions and transpositions of
// adjacent bytes count one each ("titel" is one edit from "title").
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	// dist[i][j] is the distance between a[:i] and b[:j].
	dist := make([][]int, len(a)+1)
	for i := range dist {
		dist[i] = make([]int, len(b)+1)
		dist[i][0] = i
	}
	for j := range dist[0] {
		dist[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			dist[i][j] = min(dist[i-1][j]+1, dist[i][j-1]+1, dist[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				dist[i][j] = min(dist[i][j], dist[i-2][j-2]+1)
			}
		}
	}
	return dist[len(a)][len(b)]
}

// resolve follows anchors, aliases and tags to the node holding the value.
// Anchors are recorded as they are met.
func (d *decoder) resolve(n ast.Node, field string) (ast.Node, error) {
	orig := n
	for range maxAliasChain {
		switch v := n.(type) {
		case *ast.AnchorNode:
			if v.Value == nil {
				return nil, d.errAt(v, field, "anchor without a value")
			}
			d.anchors[nodeText(v.Name)] = v.Value
			n = v.Value
		case *ast.AliasNode:
			name := nodeText(v.Value)
			t, ok := d.anchors[name]
			if !ok {
				return nil, d.errAt(v, field, "alias *%s refers to no anchor &%s before it", name, name)
			}
			n = t
		case *ast.TagNode:
			tag := ""
			if v.Start != nil {
				tag = v.Start.Value
			}
			if v.Value == nil {
				return nil, d.errAt(v, field, "tag %s without a value", tag)
			}
			switch tagName(tag) {
			case "str":
				inner, err := d.resolve(v.Value, field)
				if err != nil {
					return nil, err
				}
				s, ok := scalarText(inner)
				if !ok {
					return nil, d.errAt(v, field, "tag %s needs a scalar value, got %s", tag, describe(inner))
				}
				itk := inner.GetToken()
				if itk == nil {
					return nil, d.errAt(v, field, "tag %s without a value", tag)
				}
				tk := *itk
				tk.Type = token.DoubleQuoteType // a string, whatever it looks like
				return &ast.StringNode{BaseNode: &ast.BaseNode{}, Token: &tk, Value: s}, nil
			case "int", "float", "bool", "null", "map", "seq":
				n = v.Value
			default:
				return nil, d.errAt(v, field, "unsupported tag %s", tag)
			}
		case nil:
			return nil, d.errAt(orig, field, "missing value")
		default:
			return n, nil
		}
	}
	return nil, d.errAt(orig, field, "too many nested aliases")
}

// tagName returns the name of a YAML core-schema tag ("!!str",
// "!<tag:yaml.org,2002:str>") or "" for other tags.
func tagName(tag string) string {
	if s, ok := strings.CutPrefix(tag, "!!"); ok {
		return s
	}
	if s, ok := strings.CutPrefix(tag, "!<tag:yaml.org,2002:"); ok {
		return strings.TrimSuffix(s, ">")
	}
	return ""
}

// nodeText is the source text of an anchor or alias name.
func nodeText(n ast.Node) string {
	if n == nil {
		return ""
	}
	if s, ok := n.(*ast.StringNode); ok {
		return s.Value
	}
	if tk := n.GetToken(); tk != nil {
		return tk.Value
	}
	return ""
}

// mapping resolves n to a mapping and returns its entries, merge keys
// ("<<") applied: the mapping's own keys win over merged ones, and earlier
// merged mappings over later ones. With nullOK a null value is an empty
// mapping.
func (d *decoder) mapping(n ast.Node, field string, nullOK bool) ([]entry, error) {
	r, err := d.resolve(n, field)
	if err != nil {
		return nil, err
	}
	if _, null := r.(*ast.NullNode); null && nullOK {
		return nil, nil
	}
	m, ok := r.(*ast.MappingNode)
	if !ok {
		what := "a mapping of keys to values"
		if field == "" {
			what = `a mapping with "defaults" and "sources"`
		}
		return nil, d.errAt(r, field, "must be %s, got %s", what, describe(r))
	}
	var out []entry
	have := make(map[string]bool)
	seen := make(map[*ast.MappingNode]bool)
	if err := d.collect(m, field, 0, seen, have, &out); err != nil {
		return nil, err
	}
	return out, nil
}

func (d *decoder) collect(m *ast.MappingNode, field string, depth int, seen map[*ast.MappingNode]bool, have map[string]bool, out *[]entry) error {
	if seen[m] {
		return nil // merged already, or merging itself
	}
	seen[m] = true
	if depth > maxMergeDepth {
		return d.errAt(m, field, "merge keys nested too deeply")
	}
	var merges []*ast.MappingValueNode
	for _, mv := range m.Values {
		if mv == nil || mv.Key == nil {
			continue
		}
		if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
			merges = append(merges, mv)
			continue
		}
		k, ok := mv.Key.(*ast.StringNode)
		if !ok {
			return d.errAt(mv.Key, field, "keys must be plain strings, got %s", describe(mv.Key))
		}
		if have[k.Value] {
			continue // set by an including mapping
		}
		have[k.Value] = true
		*out = append(*out, entry{key: k.Value, keyN: k, val: mv.Value})
	}
	for _, mv := range merges {
		r, err := d.resolve(mv.Value, field)
		if err != nil {
			return err
		}
		var list []ast.Node
		switch v := r.(type) {
		case *ast.MappingNode:
			list = []ast.Node{v}
		case *ast.SequenceNode:
			list = v.Values
		default:
			return d.errAt(r, field, "merge key << needs a mapping or a list of mappings, got %s", describe(r))
		}
		for _, item := range list {
			r, err := d.resolve(item, field)
			if err != nil {
				return err
			}
			mm, ok := r.(*ast.MappingNode)
			if !ok {
				return d.errAt(r, field, "merge key << needs a mapping or a list of mappings, got %s", describe(r))
			}
			if err := d.collect(mm, field, depth+1, seen, have, out); err != nil {
				return err
			}
		}
	}
	return nil
}

// sequence resolves n to a list and returns its items, not resolved. A null
// value is an empty list. list is the resolved node, nil for null.
func (d *decoder) sequence(n ast.Node, field string) (items []ast.Node, list ast.Node, err error) {
	r, err := d.resolve(n, field)
	if err != nil {
		return nil, nil, err
	}
	switch v := r.(type) {
	case *ast.NullNode:
		return nil, nil, nil
	case *ast.SequenceNode:
		return v.Values, v, nil
	}
	return nil, nil, d.errAt(r, field, "must be a list, got %s", describe(r))
}

// str returns the text of a scalar; numbers and booleans give the text as
// written, null gives "". vn is the resolved node, for positions.
func (d *decoder) str(n ast.Node, field string) (s string, vn ast.Node, err error) {
	r, err := d.resolve(n, field)
	if err != nil {
		return "", nil, err
	}
	s, ok := scalarText(r)
	if !ok {
		return "", r, d.errAt(r, field, "must be a string, got %s", describe(r))
	}
	return s, r, nil
}

// scalarText returns the value of a scalar node as text.
func scalarText(n ast.Node) (string, bool) {
	switch v := n.(type) {
	case *ast.NullNode:
		return "", true
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true
		}
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		if tk := n.GetToken(); tk != nil {
			return tk.Value, true
		}
	}
	return "", false
}

var plainIntRe = regexp.MustCompile(`^[-+]?[0-9][0-9_]*$`)

// integer decodes an int.
func (d *decoder) integer(n ast.Node, field string) (int, ast.Node, error) {
	r, err := d.resolve(n, field)
	if err != nil {
		return 0, nil, err
	}
	if in, ok := r.(*ast.IntegerNode); ok {
		switch v := in.Value.(type) {
		case int64:
			if int64(int(v)) == v {
				return int(v), r, nil
			}
		case uint64:
			if v <= uint64(maxInt) {
				return int(v), r, nil
			}
		}
		return 0, r, d.errAt(r, field, "number %s is out of range", in.GetToken().Value)
	}
	// goccy makes a plain integer too large for 64 bits a string.
	if sn, ok := r.(*ast.StringNode); ok && sn.Token != nil && sn.Token.Type == token.StringType && plainIntRe.MatchString(sn.Value) {
		if _, ok := new(big.Int).SetString(strings.ReplaceAll(sn.Value, "_", ""), 10); ok {
			return 0, r, d.errAt(r, field, "number %s is out of range", sn.Value)
		}
	}
	return 0, r, d.errAt(r, field, "must be a whole number, got %s", describe(r))
}

const maxInt = int(^uint(0) >> 1)

// duration decodes a Go duration such as "1s" or "1m30s"; it must not be
// negative.
func (d *decoder) duration(n ast.Node, field string) (time.Duration, ast.Node, error) {
	r, err := d.resolve(n, field)
	if err != nil {
		return 0, nil, err
	}
	s, ok := "", false
	switch r.(type) {
	case *ast.StringNode, *ast.IntegerNode, *ast.FloatNode:
		s, ok = scalarText(r)
	}
	if !ok {
		return 0, r, d.errAt(r, field, `must be a duration like "1s", "500ms" or "2m", got %s`, describe(r))
	}
	v, perr := time.ParseDuration(strings.TrimSpace(s))
	if perr != nil {
		return 0, r, d.errAt(r, field, `must be a duration like "1s", "500ms" or "2m", got %q`, s)
	}
	if v < 0 {
		return 0, r, d.errAt(r, field, "must not be negative, got %s", s)
	}
	return v, r, nil
}

// describe names what n is, for "got ..." in messages.
func describe(n ast.Node) string {
	switch v := n.(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode:
		return strconv.Quote(v.Value)
	case *ast.LiteralNode:
		s, _ := scalarText(v)
		return strconv.Quote(s)
	case *ast.BoolNode:
		return "boolean " + v.GetToken().Value
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "number " + v.GetToken().Value
	}
	return "a " + strings.ToLower(n.Type().String())
}

// checkName returns a message if name is not a valid source name.
func checkName(name string) string {
	switch {
	case name == "":
		return "must not be empty"
	case len(name) > MaxNameLen:
		return fmt.Sprintf("must be at most %d characters long, got %d", MaxNameLen, len(name))
	case !nameRe.MatchString(name):
		return fmt.Sprintf("must start with a letter or digit and contain only letters, digits, '.', '_' and '-' (it is used in flags and file names), got %q", name)
	}
	return ""
}

// checkHost returns a message if h (lower-cased, trimmed) is not a bare
// host name.
func checkHost(h string) string {
	if h == "" || strings.ContainsAny(h, "/:@?#[]\\%") || strings.IndexFunc(h, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}) >= 0 || strings.Trim(h, ".") == "" {
		return `must be a host name like "cdn.example.org" (no scheme, port or path)`
	}
	return ""
}
