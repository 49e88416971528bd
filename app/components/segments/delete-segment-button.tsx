import { useNavigation, useSubmit } from "@remix-run/react";
import { Button, Modal, Text } from "@shopify/polaris";
import { useState } from "react";

/**
 * "Delete segment" behind a confirmation: the modal says what goes with it (members and their
 * history), then posts `intent=delete` to the segment's own action.
 */
export function DeleteSegmentButton({ name, memberCount }: { name: string; memberCount: number }) {
  const [open, setOpen] = useState(false);
  const submit = useSubmit();
  const navigation = useNavigation();
  const deleting = navigation.state !== "idle" && navigation.formData?.get("intent") === "delete";
  const members = `${new Intl.NumberFormat("en-US").format(memberCount)} member${memberCount === 1 ? "" : "s"}`;
  return (
    <>
      <Button tone="critical" loading={deleting} onClick={() => setOpen(true)}>
        Delete segment
      </Button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete “${name}”?`}
        primaryAction={{
          content: "Delete segment",
          destructive: true,
          onAction: () => {
            // Closed at once: a refusal comes back as a banner on the page, not in the modal.
            setOpen(false);
            submit({ intent: "delete" }, { method: "post" });
          },
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setOpen(false) }]}
      >
        <Modal.Section>
          <Text as="p" id="delete-segment-warning">
            The segment, its list of {members} and its membership history are deleted. Customers themselves are not changed. This cannot be
            undone.
          </Text>
        </Modal.Section>
      </Modal>
    </>
  );
}
