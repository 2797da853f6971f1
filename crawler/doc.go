// Package crawler will own one crawl of one source: the colly collector,
// politeness and robots.txt, retries, conditional GET and pagination through
// the extractor's next-page link, recording the run through a storage
// interface it declares. It is empty until the archive issue builds it;
// see ../shared/DESIGN.md for its place in the pipeline.
package crawler
