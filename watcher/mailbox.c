/* mailbox.c: helpers shared by the mailbox drivers (mailbox.h). */
#include "mailbox.h"

#include <stdlib.h>

void mailbox_msgs_release(struct mailbox_msgs *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].raw);
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

void mailbox_folders_free(struct mailbox_folder **f, size_t count)
{
	if (f == NULL || *f == NULL)
		return;
	for (size_t i = 0; i < count; i++)
		free((*f)[i].name);
	free(*f);
	*f = NULL;
}

void mailbox_free(struct mailbox **mb)
{
	if (mb == NULL || *mb == NULL)
		return;
	(*mb)->ops->free(*mb);
	*mb = NULL;
}
