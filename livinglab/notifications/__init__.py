"""Notifications (issue 18): who follows what, the e-mail delivery log that
makes every send happen once, and the background jobs that send them."""
