package sitegen

import "strconv"

// The noise generators write deterministic, realistic-looking filler of
// about n bytes: the inline CSS and bundled JavaScript that make real pages
// weigh 100 KB and more.

// Shares of Options.PadBytes, in percent, added as inline CSS, bundled
// JavaScript and mega-menu links. They sum to 90: every page already
// carries some 5-10 KB of the same kinds of noise (global styles, emoji
// and consent scripts, the primary menu), so a page grows by a little less
// than PadBytes and a 100_000 page lands well inside 90-130 KB.
const (
	padCSS  = 50
	padJS   = 25
	padMenu = 15
)

var (
	cssScopes = []string{".wp-block-navigation", ".site-header", ".entry-content", ".widget", ".wp-block-group", ".site-footer",
		".has-global-padding", ".wp-block-post-template", ".is-layout-flex", ".is-layout-grid", ".cookie-notice-container",
		".mega-menu", ".search-form", ".wp-block-button", ".wp-block-image", ".comment-respond", ".wp-element-caption"}
	cssParts = []string{"a", "a:hover", "a:focus", "> li", "ul ul", ".menu-item", "h2", "h3", "p", "img", ".is-style-outline",
		"figcaption", ".alignwide", ".alignfull", "button", "input[type=search]", "::before", ".has-child > a", "time", "svg"}
	cssDecls = []string{"margin:0", "padding:0 var(--wp--preset--spacing--20)", "display:flex", "display:block", "display:none",
		"color:var(--wp--preset--color--contrast)", "background-color:var(--wp--preset--color--base-2)", "font-size:var(--wp--preset--font-size--small)",
		"line-height:1.6", "gap:var(--wp--style--block-gap)", "border-bottom:1px solid rgba(0,0,0,.08)", "text-decoration:none",
		"flex-wrap:wrap", "align-items:center", "justify-content:space-between", "position:relative", "z-index:10",
		"transition:opacity .2s ease-in-out", "max-width:var(--wp--style--global--wide-size)", "letter-spacing:-0.01em",
		"font-weight:600", "box-sizing:border-box", "width:100%", "height:auto", "object-fit:cover", "overflow:hidden",
		"text-transform:uppercase", "font-family:var(--wp--preset--font-family--body)", "outline:2px solid currentColor",
		"margin-block-start:var(--wp--preset--spacing--30)"}
	jsNames  = []string{"setup", "init", "render", "bind", "lazy", "observe", "toggle", "throttle", "debounce", "track", "consent", "menu", "slider", "modal"}
	jsBodies = []string{
		`var r=n(%d),o=n.n(r);t.default=function(e){return o()(e).filter(Boolean)}`,
		`n.d(t,{a:function(){return i}});var r=n(%d);function i(e,t){var n=e.querySelectorAll(t);return Array.prototype.slice.call(n)}`,
		`var r=window.IntersectionObserver?new IntersectionObserver(function(e){e.forEach(function(e){e.isIntersecting&&(e.target.src=e.target.dataset.src)})},{rootMargin:"%dpx"}):null`,
		`e.exports=function(e,t){var n;return function(){var r=this,o=arguments;clearTimeout(n),n=setTimeout(function(){e.apply(r,o)},t||%d)}}`,
		`document.addEventListener("click",function(e){var t=e.target.closest("[data-toggle]");t&&(e.preventDefault(),document.body.classList.toggle("menu-open-%d"))})`,
		`var o={breakpoints:{small:600,medium:782,large:%d},selectors:{nav:".main-navigation",toggle:".menu-toggle",search:".search-toggle"}}`,
	}
)

// padText is a site's padding CSS and JavaScript, the same on every page.
type padText struct{ css, js string }

// padding returns the site's padding text, generating it on first use.
func (s *Site) padding() *padText {
	s.padOnce.Do(func() {
		var c, j buf
		noiseCSS(&c, s.opt.PadBytes*padCSS/100)
		noiseJS(&j, s.opt.PadBytes*padJS/100)
		s.pad = &padText{css: c.String(), js: j.String()}
	})
	return s.pad
}

// noiseCSS writes about n bytes of CSS rules.
func noiseCSS(b *buf, n int) {
	start := b.Len()
	b.w(":root{--wp--preset--color--base:#f9f9f9;--wp--preset--color--base-2:#ffffff;--wp--preset--color--contrast:#111111;--wp--preset--color--accent:#cfcabe;--wp--preset--font-size--small:0.9rem;--wp--preset--font-size--medium:1.05rem;--wp--preset--font-size--large:clamp(1.39rem, 1.39rem + ((1vw - 0.2rem) * 0.767), 1.85rem);--wp--preset--spacing--20:min(1.5rem, 2vw);--wp--preset--spacing--30:min(2.5rem, 3vw);}\n")
	for k := 0; b.Len()-start < n; k++ {
		b.w(cssScopes[k%len(cssScopes)], " ", cssParts[(k/len(cssScopes))%len(cssParts)])
		if k%5 == 0 {
			b.w(",", cssScopes[(k+3)%len(cssScopes)], " ", cssParts[(k*7)%len(cssParts)])
		}
		b.w("{")
		for d := 0; d < 2+k%4; d++ {
			if d > 0 {
				b.w(";")
			}
			b.w(cssDecls[(k*3+d*11)%len(cssDecls)])
		}
		b.w("}\n")
	}
}

// noiseJS writes about n bytes of minified-looking bundle code.
func noiseJS(b *buf, n int) {
	start := b.Len()
	b.w(`(self.webpackChunk_theme=self.webpackChunk_theme||[]).push([[179],{`)
	for k := 0; b.Len()-start < n; k++ {
		if k > 0 {
			b.w(",")
		}
		b.w(strconv.Itoa(1000+k*37), `:function(e,t,n){"use strict";/* `, jsNames[k%len(jsNames)], " */")
		body := jsBodies[k%len(jsBodies)]
		num := strconv.Itoa(100 + (k*131)%900)
		for i := 0; i < len(body); i++ {
			if body[i] == '%' && i+1 < len(body) && body[i+1] == 'd' {
				b.w(num)
				i++
				continue
			}
			b.WriteByte(body[i])
		}
		b.w("}")
		if k%4 == 3 {
			b.w("\n")
		}
	}
	b.w("}]);\n")
}
