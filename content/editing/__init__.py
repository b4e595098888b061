"""Workers change the offer catalogue themselves: drafts, a second person's review, publishing, restoring."""
