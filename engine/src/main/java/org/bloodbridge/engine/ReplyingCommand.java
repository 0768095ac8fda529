package org.bloodbridge.engine;

import org.apache.pekko.actor.typed.ActorRef;

/** An entity command that is answered: where its reply goes, whatever the command. */
public interface ReplyingCommand<R> {
    ActorRef<R> replyTo();
}
